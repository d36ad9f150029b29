package dk.munin.output.camtrapdp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes a Camtrap DP package (docs/camtrap-dp.md): datapackage.json and deployments.csv,
 * media.csv, observations.csv, in one folder of the object store. A pure library: its input is
 * its own small records, so it does not change when the stages that produce the rows do.
 *
 * <p>What is derived, not asked for: the coverage ({@code spatial} from the deployments'
 * positions, {@code temporal} from their windows, {@code taxonomic} from the scientific names),
 * {@code project.observationLevel} from the observations, a missing deployment start or end from
 * the deployment's media, and a media-level observation's event times from its photo.
 */
public final class CamtrapDpWriter {

    private final ObjectStore store;
    private final ObjectWriter json = new ObjectMapper().writerWithDefaultPrettyPrinter();

    public CamtrapDpWriter(ObjectStore store) {
        this.store = store;
    }

    /**
     * Writes the package into {@code folder}, replacing a package written there before. The tables
     * go first and datapackage.json last, so a folder with a descriptor holds a whole package even
     * if a write in between fails (each file itself appears atomically).
     *
     * <p>Media whose time is not known cannot be in a Camtrap DP package (media.timestamp is
     * required): they and their media-level observations are left out and listed in the summary.
     *
     * @throws InvalidCamtrapDpInput when the rows cannot make a valid package (a deployment without
     *                               coordinates, a dangling mediaID, ...), naming every problem; nothing is written then
     */
    public CamtrapDpSummary write(Location folder, CamtrapDpProject project, List<CamtrapDpDeployment> deployments,
                                  List<CamtrapDpMedia> media, List<CamtrapDpObservation> observations) {
        PackageContents contents = new PackageContents(project, deployments, media, observations);
        Location base = folder.asFolder();
        store.write(base.resolve(CamtrapDp.Table.DEPLOYMENTS.path()), contents.deployments.bytes());
        store.write(base.resolve(CamtrapDp.Table.MEDIA.path()), contents.media.bytes());
        store.write(base.resolve(CamtrapDp.Table.OBSERVATIONS.path()), contents.observations.bytes());
        Location descriptor = base.resolve(CamtrapDp.DESCRIPTOR);
        store.write(descriptor, descriptorBytes(contents));
        return new CamtrapDpSummary(descriptor, contents.deployments.size(), contents.media.size(),
                contents.observations.size(), contents.leftOut, contents.windowsFromMedia);
    }

    private byte[] descriptorBytes(PackageContents contents) {
        try {
            return json.writeValueAsBytes(contents.descriptor);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
