package dk.munin.contract.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Damaged copies of real photos, the way SD cards, copy tools and hostile uploads damage them:
 * bit flips, truncations, marker segments deleted or duplicated, segment lengths corrupted and
 * random bytes inserted. The same seed always makes the same mutants, so a failure found at
 * mutant 7,311 is found there again. The marker walk here is the test's own, deliberately
 * independent of the JPEG segment walker the code under test uses.
 */
public final class DamagedPhotos {

    /** What was done to a photo; its name is part of the mutant's file name. */
    public enum Kind {
        BIT_FLIPS, TRUNCATION, SEGMENT_DELETED, SEGMENT_DUPLICATED, LENGTH_CORRUPTED, BYTES_INSERTED;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** One mutant: its bytes, what was done, and which original it came from. */
    public record Mutant(int index, Kind kind, String original, byte[] bytes) {

        /** e.g. {@code m00042-bit-flips-IMG0002.jpg}: sorted by index, and saying what it is. */
        public String fileName() {
            String base = original.substring(original.lastIndexOf('/') + 1).replaceAll("(?i)\\.jpe?g$", "");
            return String.format(Locale.ROOT, "m%05d-%s-%s.jpg", index, kind.label(), base);
        }
    }

    private static final int MAX_FLIPS = 16;
    private static final int MAX_INSERTED = 4096;

    private final List<String> names;
    private final List<byte[]> originals;
    private final Random random;
    private int next;

    private DamagedPhotos(List<String> names, List<byte[]> originals, long seed) {
        if (originals.isEmpty()) {
            throw new IllegalArgumentException("no photos to mutate");
        }
        this.names = names;
        this.originals = originals;
        this.random = new Random(seed);
    }

    /** Mutants of every non-empty .jpg/.jpeg below {@code folder}, taken in turn in path order. */
    public static DamagedPhotos of(Path folder, long seed) {
        List<String> names = new ArrayList<>();
        List<byte[]> photos = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.jpe?g")).sorted().toList()) {
                byte[] bytes = Files.readAllBytes(file);
                if (bytes.length > 4) {
                    names.add(folder.relativize(file).toString().replace('\\', '/'));
                    photos.add(bytes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DamagedPhotos(names, photos, seed);
    }

    /** The next mutant: the originals in turn, a kind chosen at random. */
    public Mutant next() {
        int index = next++;
        int which = index % originals.size();
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        return new Mutant(index, kind, names.get(which), mutate(originals.get(which), kind));
    }

    /** Writes {@code count} mutants into {@code folder} under their {@link Mutant#fileName()}s. */
    public List<Path> write(Path folder, int count) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(folder);
            for (int i = 0; i < count; i++) {
                Mutant mutant = next();
                written.add(Files.write(folder.resolve(mutant.fileName()), mutant.bytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written;
    }

    private byte[] mutate(byte[] original, Kind kind) {
        List<int[]> segments = segments(original);
        return switch (kind) {
            case BIT_FLIPS -> flipBits(original);
            case TRUNCATION -> Arrays.copyOf(original, 2 + random.nextInt(original.length - 2));
            case SEGMENT_DELETED -> segments.isEmpty() ? flipBits(original) : deleteSegment(original, pick(segments));
            case SEGMENT_DUPLICATED -> segments.isEmpty() ? flipBits(original) : duplicateSegment(original, pick(segments));
            case LENGTH_CORRUPTED -> segments.isEmpty() ? flipBits(original) : corruptLength(original, pick(segments));
            case BYTES_INSERTED -> insertBytes(original);
        };
    }

    private byte[] flipBits(byte[] original) {
        byte[] copy = original.clone();
        for (int flips = 1 + random.nextInt(MAX_FLIPS); flips > 0; flips--) {
            copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return copy;
    }

    private static byte[] deleteSegment(byte[] original, int[] segment) {
        byte[] copy = new byte[original.length - (segment[1] - segment[0])];
        System.arraycopy(original, 0, copy, 0, segment[0]);
        System.arraycopy(original, segment[1], copy, segment[0], original.length - segment[1]);
        return copy;
    }

    private static byte[] duplicateSegment(byte[] original, int[] segment) {
        int length = segment[1] - segment[0];
        byte[] copy = new byte[original.length + length];
        System.arraycopy(original, 0, copy, 0, segment[1]);
        System.arraycopy(original, segment[0], copy, segment[1], length);
        System.arraycopy(original, segment[1], copy, segment[1] + length, original.length - segment[1]);
        return copy;
    }

    /** A segment's two length bytes set to something else: 0, 1, 2, 0xFFFF, a little off, or anything. */
    private byte[] corruptLength(byte[] original, int[] segment) {
        byte[] copy = original.clone();
        int length = ((copy[segment[0] + 2] & 0xFF) << 8) | (copy[segment[0] + 3] & 0xFF);
        int[] choices = {0, 1, 2, 0xFFFF, length + 1 + random.nextInt(16), Math.max(0, length - 1 - random.nextInt(16)), random.nextInt(0x10000)};
        int corrupted = choices[random.nextInt(choices.length)] & 0xFFFF;
        copy[segment[0] + 2] = (byte) (corrupted >> 8);
        copy[segment[0] + 3] = (byte) corrupted;
        return copy;
    }

    /** A run of random bytes anywhere; a quarter of the time a run of 0xFF, which looks like markers and fill. */
    private byte[] insertBytes(byte[] original) {
        int length = 1 + random.nextInt(MAX_INSERTED);
        int at = random.nextInt(original.length + 1);
        byte[] inserted = new byte[length];
        if (random.nextInt(4) == 0) {
            Arrays.fill(inserted, (byte) 0xFF);
        } else {
            random.nextBytes(inserted);
        }
        byte[] copy = new byte[original.length + length];
        System.arraycopy(original, 0, copy, 0, at);
        System.arraycopy(inserted, 0, copy, at, length);
        System.arraycopy(original, at, copy, at + length, original.length - at);
        return copy;
    }

    private int[] pick(List<int[]> segments) {
        return segments.get(random.nextInt(segments.size()));
    }

    /**
     * [start, end) of each marker segment with a length field before the image data, the SOS
     * segment's header included; empty for a file that does not start like a JPEG.
     */
    static List<int[]> segments(byte[] jpeg) {
        List<int[]> segments = new ArrayList<>();
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            return segments;
        }
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
            int marker = jpeg[at + 1] & 0xFF;
            int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
            if (length < 2 || at + 2 + length > jpeg.length) {
                break;
            }
            segments.add(new int[] {at, at + 2 + length});
            if (marker == 0xDA) {
                break;
            }
            at += 2 + length;
        }
        return segments;
    }
}
