package dk.munin.contract.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalFileStoreWalkTest {

    @TempDir
    Path dir;

    private final LocalFileStore store = new LocalFileStore();

    @Test
    void walksInTheOrderOfSortedKeysWhileHoldingOnlyOneFoldersEntries() throws IOException {
        // '-' (0x2D) and '.' (0x2E) sort before '/' (0x2F): "a-b/..." and "a.jpg" come before "a/..."
        for (String file : List.of("a/x.jpg", "a-b/y.jpg", "a.jpg", "a/b/z.jpg", "a/b.jpg", "B.JPG", "ä.jpg", "Station Ø/IMG 1.JPG")) {
            Files.createDirectories(dir.resolve(file).getParent());
            Files.writeString(dir.resolve(file), file);
        }
        Files.createDirectories(dir.resolve("empty/folder"));

        List<String> walked;
        try (Stream<StoredObject> objects = store.walk(Location.of(dir))) {
            walked = objects.map(o -> o.location().key()).toList();
        }

        assertThat(walked).hasSize(8).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(walked.get(0)).endsWith("/B.JPG");
        assertThat(store.list(Location.of(dir))).extracting(StoredObject::size).contains((long) "a/b/z.jpg".length());
    }

    @Test
    void stopsListingWhenTheConsumerStops() throws IOException {
        for (int i = 0; i < 50; i++) {
            Files.writeString(dir.resolve(String.format("IMG_%03d.JPG", i)), "x");
        }

        try (Stream<StoredObject> objects = store.walk(Location.of(dir))) {
            assertThat(objects.limit(3).map(o -> o.location().name()).toList()).containsExactly("IMG_000.JPG", "IMG_001.JPG", "IMG_002.JPG");
        }
    }

    @Test
    void aMissingFolderIsNotFoundAndARangeStopsAtTheEnd() throws IOException {
        Path file = Files.writeString(dir.resolve("a.bin"), "0123456789");

        assertThatThrownBy(() -> store.walk(Location.of(dir.resolve("absent")))).isInstanceOf(ObjectNotFound.class);
        assertThat(store.readRange(Location.of(file), 2, 4)).containsExactly('2', '3', '4', '5');
        assertThat(store.readRange(Location.of(file), 8, 100)).containsExactly('8', '9');
        assertThat(store.readRange(Location.of(file), 20, 5)).isEmpty();
    }
}
