package dk.munin.detector;

import dk.munin.contract.megadetector.Detection;
import dk.munin.contract.megadetector.ImageEntry;
import dk.munin.contract.megadetector.MegaDetectorFile;
import dk.munin.contract.photos.PhotoListEntry;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.Storage;
import dk.munin.detector.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointsTest {

    @TempDir
    Path temp;
    /** Checkpoints that cannot be used are warned about: asserted here, not printed. */
    @RegisterExtension
    final LogCapture log = new LogCapture();

    private final Storage storage = Storage.withS3(() -> {
        throw new AssertionError("local only");
    });

    private Location output() {
        return Location.of(temp.resolve("out"));
    }

    private static List<PhotoListEntry> slice(String... files) {
        List<PhotoListEntry> entries = new ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            entries.add(new PhotoListEntry(i + 1, files[i], "file:/photos/" + files[i]));
        }
        return entries;
    }

    private static List<ImageEntry> results(String... files) {
        List<ImageEntry> results = new ArrayList<>();
        for (String file : files) {
            results.add(file.startsWith("broken")
                    ? ImageEntry.failed(file, ImageEntry.IMAGE_ACCESS_FAILURE, "empty file (0 bytes)")
                    : ImageEntry.detected(file, List.of(new Detection("1", 0.812, new double[] {0.1, 0.2, 0.3, 0.4}))));
        }
        return results;
    }

    @Test
    void restoresTheSavedPartsInOrderExactlyAsTheyWere() throws IOException {
        Checkpoints checkpoints = new Checkpoints(storage, output(), Shard.whole(), "run-a");
        checkpoints.save(0, results("a.jpg", "broken.jpg", "c.jpg"));
        checkpoints.save(3, results("d.jpg", "e.jpg"));

        List<ImageEntry> restored = checkpoints.restore(slice("a.jpg", "broken.jpg", "c.jpg", "d.jpg", "e.jpg", "f.jpg"));

        assertEquals(5, restored.size());
        assertEquals(MegaDetectorFile.imagesNode(results("a.jpg", "broken.jpg", "c.jpg", "d.jpg", "e.jpg")),
                MegaDetectorFile.imagesNode(restored));
        assertTrue(Files.exists(temp.resolve("out/checkpoints/all/run-a/part-00000000-00000003.json")));
    }

    @Test
    void usesOnlyTheGaplessPrefixAndStopsAtAPartThatIsUnusableOrForOtherPhotos() throws IOException {
        Checkpoints checkpoints = new Checkpoints(storage, output(), Shard.whole(), "run-a");
        checkpoints.save(0, results("a.jpg", "b.jpg"));
        checkpoints.save(4, results("e.jpg"));                  // after a gap: never used
        assertEquals(2, checkpoints.restore(slice("a.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg")).size());

        checkpoints.save(2, results("c.jpg", "d.jpg"));
        assertEquals(2, checkpoints.restore(slice("a.jpg", "b.jpg", "x.jpg", "d.jpg", "e.jpg")).size(), "c.jpg is not photo 3 any more");

        Files.writeString(temp.resolve("out/checkpoints/all/run-a/part-00000002-00000004.json"), "{\"truncated");
        assertEquals(2, checkpoints.restore(slice("a.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg")).size());
        List<String> warnings = log.warnings();
        assertEquals(2, warnings.size(), String.join("\n", warnings));
        assertTrue(warnings.get(0).startsWith("Checkpoints - checkpoint ") && warnings.get(0).endsWith(
                "part-00000002-00000004.json does not match this run's photo list; photos from 2 on are detected again"), warnings.get(0));
        assertTrue(warnings.get(1).contains("part-00000002-00000004.json is unusable (Unexpected end-of-input"), warnings.get(1));
    }

    @Test
    void anotherRunsCheckpointsAreNeverMixedIn() throws IOException {
        new Checkpoints(storage, output(), Shard.whole(), "run-other-model").save(0, results("a.jpg", "b.jpg"));

        Checkpoints mine = new Checkpoints(storage, output(), Shard.whole(), "run-a");

        assertEquals(List.of(), mine.restore(slice("a.jpg", "b.jpg")));
        List<String> warnings = log.warnings();
        assertEquals(1, warnings.size(), String.join("\n", warnings));
        assertTrue(warnings.get(0).startsWith("Checkpoints - ignoring the checkpoints in ") && warnings.get(0).endsWith(
                "/run-other-model: they belong to a run with another model, photo list or settings"), warnings.get(0));
    }

    @Test
    void aPartWhoseRecordedKeyDiffersFromItsFolderIsNotUsed() throws IOException {
        new Checkpoints(storage, output(), Shard.whole(), "run-b").save(0, results("a.jpg"));
        Path copied = Files.createDirectories(temp.resolve("out/checkpoints/all/run-a")).resolve("part-00000000-00000001.json");
        Files.copy(temp.resolve("out/checkpoints/all/run-b/part-00000000-00000001.json"), copied);

        assertEquals(List.of(), new Checkpoints(storage, output(), Shard.whole(), "run-a").restore(slice("a.jpg")));
        List<String> warnings = log.warnings();
        assertEquals(2, warnings.size(), String.join("\n", warnings));
        assertTrue(warnings.get(0).endsWith("/run-b: they belong to a run with another model, photo list or settings"), warnings.get(0));
        assertTrue(warnings.get(1).endsWith("run-a/part-00000000-00000001.json does not match this run's photo list; "
                + "photos from 0 on are detected again"), warnings.get(1));
    }

    @Test
    void removingSpentCheckpointsLeavesOtherShardsAlone() throws IOException {
        Checkpoints first = new Checkpoints(storage, output(), new Shard(0, 2), "run-a");
        Checkpoints second = new Checkpoints(storage, output(), new Shard(1, 2), "run-a");
        first.save(0, results("a.jpg"));
        second.save(0, results("b.jpg"));

        first.removeAll(false);

        assertFalse(Files.exists(temp.resolve("out/checkpoints/00000-of-00002")));
        assertTrue(Files.exists(temp.resolve("out/checkpoints/00001-of-00002/run-a/part-00000000-00000001.json")));
    }
}
