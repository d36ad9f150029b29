package dk.munin.output.camtrapdp;

import dk.munin.contract.storage.Location;

import java.util.List;

/**
 * What {@link CamtrapDpWriter} wrote, and what it left out and why, for the run report.
 *
 * @param descriptor                where datapackage.json was written (the package folder's descriptor)
 * @param deployments               rows in deployments.csv
 * @param media                     rows in media.csv
 * @param observations              rows in observations.csv
 * @param leftOut                   the media and observations given but not written, each with its reason
 * @param deploymentWindowsFromMedia the deployments whose start or end was not given and was taken
 *                                  from the first or last of their media
 */
public record CamtrapDpSummary(Location descriptor, int deployments, int media, int observations,
                               List<LeftOut> leftOut, List<String> deploymentWindowsFromMedia) {

    public CamtrapDpSummary {
        leftOut = List.copyOf(leftOut);
        deploymentWindowsFromMedia = List.copyOf(deploymentWindowsFromMedia);
    }

    /** How many rows of {@code table} were left out. */
    public long leftOut(CamtrapDp.Table table) {
        return leftOut.stream().filter(l -> l.table() == table).count();
    }

    /** One row not written: the table it would have gone to, its id, and why. */
    public record LeftOut(CamtrapDp.Table table, String id, String reason) {
    }
}
