package dk.munin.detector.photo;

import dk.munin.contract.photos.UnreadablePhoto;
import dk.munin.contract.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged photos must come out of the decoder as a picture or as UnreadablePhoto (a failure
 * entry), never as another exception or a hang: the reduced-scale JPEG decoder parses entropy
 * data itself, so it gets the same treatment as Stage-0's metadata reader.
 */
class MutatedPhotosTest {

    private static final int MUTANTS = 600;
    private static final PhotoDecoder.SmallestUseful MODEL_INPUT = (width, height) -> new int[] {352, 352};

    @Test
    void everyMutantDecodesOrIsUnreadable() throws IOException {
        List<byte[]> originals = fullSizeJpegs();
        Random random = new Random(20261126);
        int decoded = 0;
        int unreadable = 0;
        for (int i = 0; i < MUTANTS; i++) {
            byte[] mutant = mutate(originals.get(i % originals.size()), random);
            boolean ok = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try {
                    PhotoDecoder.decode(mutant, MODEL_INPUT);
                    return true;
                } catch (UnreadablePhoto expected) {
                    return false;
                }
            }, "mutant " + i);
            decoded += ok ? 1 : 0;
            unreadable += ok ? 0 : 1;
        }
        assertEquals(MUTANTS, decoded + unreadable);
        assertTrue(decoded > 0, "some damage still leaves a picture");
        assertTrue(unreadable > 0, "some damage makes a photo unreadable");
    }

    /** Bit flips, a truncation, or a spliced-in run of bytes from elsewhere in the file. */
    private static byte[] mutate(byte[] original, Random random) {
        byte[] copy = original.clone();
        switch (random.nextInt(3)) {
            case 0 -> {
                for (int flips = 1 + random.nextInt(16); flips > 0; flips--) {
                    int at = random.nextInt(copy.length);
                    copy[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> copy = java.util.Arrays.copyOf(copy, 2 + random.nextInt(copy.length - 2));
            default -> {
                int length = 1 + random.nextInt(Math.min(4096, copy.length / 4));
                int from = random.nextInt(copy.length - length);
                int to = random.nextInt(copy.length - length);
                System.arraycopy(original, from, copy, to, length);
            }
        }
        return copy;
    }

    /** The shared photos big enough to take the reduced-scale path. */
    private static List<byte[]> fullSizeJpegs() throws IOException {
        Path folder = SharedData.image("speciesnet_test_data");
        List<byte[]> photos = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().toLowerCase().endsWith(".jpg")).sorted().toList()) {
                byte[] bytes = Files.readAllBytes(file);
                if (bytes.length > 300_000) {
                    photos.add(bytes);
                }
            }
        }
        assertFalse(photos.isEmpty());
        return photos;
    }
}
