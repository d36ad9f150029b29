package dk.munin.output.camtrapdp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a Camtrap DP package (docs/camtrap-dp.md): datapackage.json and deployments.csv,
 * media.csv, observations.csv, in one folder of the object store. A pure library: its input is
 * its own small records, so it does not change when the stages that produce the rows do.
 *
 * <p>The rows are streamed: each is checked and written to a local temporary file as it comes,
 * and only what later rows are checked against is kept (see {@link PackageContents}), so a run of
 * a million boxes needs tens of megabytes, not the size of its tables.
 *
 * <p>What is derived, not asked for: the coverage ({@code spatial} from the deployments'
 * positions, {@code temporal} from their windows, {@code taxonomic} from the scientific names),
 * {@code project.observationLevel} from the observations, a missing deployment start or end from
 * the deployment's media, and a media-level observation's event times from its photo.
 */
public final class CamtrapDpWriter {

    private static final String SCRATCH_PREFIX = "munin-camtrap-dp-";

    private final ObjectStore store;
    private final Path scratchRoot;
    private final ObjectWriter json = new ObjectMapper().writerWithDefaultPrettyPrinter();

    public CamtrapDpWriter(ObjectStore store) {
        this(store, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** @param scratchRoot where the tables are written before they are uploaded (a test's own folder) */
    CamtrapDpWriter(ObjectStore store, Path scratchRoot) {
        this.store = store;
        this.scratchRoot = scratchRoot;
    }

    /**
     * Writes the package into {@code folder}, replacing a package written there before. The tables
     * go first and datapackage.json last, so a folder with a descriptor holds a whole package even
     * if a write in between fails (each file itself appears atomically).
     *
     * <p>{@code media} is iterated exactly once, to its end, and only then {@code observations},
     * exactly once: either may be a generator that makes its rows as they are asked for (and the
     * observations' generator may rely on the media having been made). The rows are not kept, so
     * the caller need not keep them either.
     *
     * <p>Media whose time is not known cannot be in a Camtrap DP package (media.timestamp is
     * required): they and their media-level observations are left out and counted in the summary.
     *
     * @throws InvalidCamtrapDpInput when the rows cannot make a valid package (a deployment without
     *                               coordinates, a dangling mediaID, ...), naming every problem; all
     *                               rows are read first, and nothing is written then
     */
    public CamtrapDpSummary write(Location folder, CamtrapDpProject project, List<CamtrapDpDeployment> deployments,
                                  Iterable<CamtrapDpMedia> media, Iterable<CamtrapDpObservation> observations) {
        Location base = folder.asFolder();
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory(scratchRoot, SCRATCH_PREFIX);
            PackageContents contents = PackageContents.write(scratch, project, deployments, media, observations);
            for (CamtrapDp.Table table : CamtrapDp.Table.values()) {
                store.upload(base.resolve(table.path()), scratch.resolve(table.path()));
            }
            Location descriptor = base.resolve(CamtrapDp.DESCRIPTOR);
            store.write(descriptor, descriptorBytes(contents));
            return new CamtrapDpSummary(descriptor, contents.deployments, contents.media, contents.observations,
                    contents.leftOut.counts(), contents.leftOut.listed(), contents.windowsFromMedia);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the Camtrap DP package " + base, e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    private byte[] descriptorBytes(PackageContents contents) {
        try {
            return json.writeValueAsBytes(contents.descriptor);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path scratch) {
        if (scratch == null) {
            return;
        }
        try (Stream<Path> files = Files.list(scratch)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(scratch);
        } catch (IOException ignored) {
            // a leftover temporary file is harmless; the upload has already succeeded or failed
        }
    }
}
