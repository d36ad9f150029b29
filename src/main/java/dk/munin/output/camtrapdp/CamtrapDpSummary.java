package dk.munin.output.camtrapdp;

import dk.munin.contract.storage.Location;

import java.util.List;

/**
 * What {@link CamtrapDpWriter} wrote, and what it left out and why, for the run report.
 *
 * @param descriptor                 where datapackage.json was written (the package folder's descriptor)
 * @param deployments                rows in deployments.csv
 * @param media                      rows in media.csv
 * @param observations               rows in observations.csv
 * @param leftOutByReason            how many media and observations were given but not written, per
 *                                   table and reason; a few entries whatever the run's size
 * @param leftOut                    of each table and reason, the first {@link #LEFT_OUT_LISTED} rows
 *                                   left out, in the order given, each with its id and its own reason
 *                                   (e.g. naming its photo): examples, not the whole list
 * @param deploymentWindowsFromMedia the deployments whose start or end was not given and was taken
 *                                   from the first or last of their media
 */
public record CamtrapDpSummary(Location descriptor, int deployments, int media, int observations,
                               List<LeftOutCount> leftOutByReason, List<LeftOut> leftOut,
                               List<String> deploymentWindowsFromMedia) {

    /** How many of the rows left out for one reason {@link #leftOut()} names by id. */
    public static final int LEFT_OUT_LISTED = 100;

    public CamtrapDpSummary {
        leftOutByReason = List.copyOf(leftOutByReason);
        leftOut = List.copyOf(leftOut);
        deploymentWindowsFromMedia = List.copyOf(deploymentWindowsFromMedia);
    }

    /** How many rows of {@code table} were left out, all of them (not only those {@link #leftOut()} names). */
    public long leftOut(CamtrapDp.Table table) {
        return leftOutByReason.stream().filter(l -> l.table() == table).mapToLong(LeftOutCount::count).sum();
    }

    /** One row not written: the table it would have gone to, its id, and why. */
    public record LeftOut(CamtrapDp.Table table, String id, String reason) {
    }

    /**
     * How many rows of one table were left out for one reason, a reason that names no row (e.g. not
     * which photo an observation's is), so that rows left out alike are counted together.
     */
    public record LeftOutCount(CamtrapDp.Table table, String reason, long count) {
    }
}
