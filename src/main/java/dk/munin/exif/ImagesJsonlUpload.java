package dk.munin.exif;

import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Writes images.jsonl lines (the whole list, or one batch's shard) to a local file, then
 * uploads it whole, so readers never see half a list and memory does not grow with the lines.
 */
final class ImagesJsonlUpload {

    private ImagesJsonlUpload() {
    }

    /** @param lines writes the lines through the sink it is given, on the calling thread */
    static void write(ObjectStore store, Location target, Consumer<Consumer<PhotoRecord>> lines) {
        Path temp = null;
        try {
            temp = Files.createTempFile("munin-images-", ".jsonl");
            try (BufferedWriter file = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
                 ImagesJsonlWriter out = new ImagesJsonlWriter(file)) {
                lines.accept(record -> {
                    try {
                        out.write(record);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            store.upload(target, temp);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a leftover temp file is harmless; the upload already succeeded or failed on its own
            }
        }
    }
}
