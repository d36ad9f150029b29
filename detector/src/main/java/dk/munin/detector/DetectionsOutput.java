package dk.munin.detector;

import dk.munin.contract.megadetector.BatchInfo;
import dk.munin.contract.megadetector.ImageEntry;
import dk.munin.contract.megadetector.MegaDetectorFile;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.Storage;
import dk.munin.contract.storage.StorageException;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a run's MegaDetector batch output file (detections.json or a shard's file) into a local
 * temporary file an entry at a time, then uploads that (S3: one put; a folder: copied beside the
 * target and renamed into place, so readers see the whole file or none). The output, hundreds of MB
 * for a shard of a hundred thousand photos, is never in the heap as a JSON tree or a byte array.
 */
final class DetectionsOutput {

    private DetectionsOutput() {
    }

    static void write(Storage storage, Location output, BatchInfo info, List<ImageEntry> results) {
        Path local = null;
        try {
            local = Files.createTempFile("munin-detections-", ".json");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(local))) {
                MegaDetectorFile.write(info, results, out);
            }
            storage.upload(output, local);
        } catch (IOException | UncheckedIOException e) {
            throw DetectorFailure.cannotProceed("cannot write " + output + " (through the local file " + local + "): " + e.getMessage(), e);
        } catch (StorageException e) {
            throw DetectorFailure.cannotProceed("cannot write " + output + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(local);
        }
    }

    private static void deleteQuietly(Path local) {
        try {
            if (local != null) {
                Files.deleteIfExists(local);
            }
        } catch (IOException ignored) {
            // a temporary file left in the temporary folder: the output is written, or its error is being reported
        }
    }
}
