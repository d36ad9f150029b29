package dk.munin.detector.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StorageTest {

    private final Storage storage = new Storage(() -> {
        throw new AssertionError("a local run must not build an S3 client");
    });

    @Test
    void writesIntoANewFolderAndReplacesAnOldFileWithoutLeavingTemporaryFiles(@TempDir Path temp) throws IOException {
        StorageLocation folder = StorageLocation.local(temp.resolve("out/stage1"));

        storage.writeAtomically(folder, "detections.json", "old".getBytes(StandardCharsets.UTF_8));
        storage.writeAtomically(folder, "detections.json", "new".getBytes(StandardCharsets.UTF_8));

        assertArrayEquals("new".getBytes(StandardCharsets.UTF_8), storage.read(folder.child("detections.json")));
        try (var files = Files.list(temp.resolve("out/stage1"))) {
            assertEquals(List.of("detections.json"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aMissingFileIsAnIoError(@TempDir Path temp) {
        assertThrows(IOException.class, () -> storage.read(StorageLocation.local(temp.resolve("absent.jpg"))));
    }
}
