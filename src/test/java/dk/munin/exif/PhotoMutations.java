package dk.munin.exif;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded damage to real photos: bit flips, truncations and marker-segment splices, aimed mostly
 * at the metadata in front of the image data, where Stage-0 reads. The same seed gives the same
 * mutants, so a failure can be replayed from its description.
 */
final class PhotoMutations {

    record Mutant(String description, byte[] bytes) {
    }

    private record Segment(int offset, int length) {
    }

    private final List<byte[]> photos;
    private final List<String> names;
    private final Random random;

    PhotoMutations(List<String> names, List<byte[]> photos, long seed) {
        this.names = names;
        this.photos = photos;
        this.random = new Random(seed);
    }

    Mutant next(int index) {
        int which = random.nextInt(photos.size());
        byte[] photo = photos.get(which);
        String name = "#" + index + " " + names.get(which);
        return switch (random.nextInt(6)) {
            case 0, 1 -> bitFlips(name, photo);
            case 2 -> truncation(name, photo);
            case 3 -> lengthDamage(name, photo);
            default -> splice(name, photo);
        };
    }

    private Mutant bitFlips(String name, byte[] photo) {
        byte[] copy = photo.clone();
        int region = Math.min(copy.length, metadataEnd(photo) + 64);
        int flips = 1 + random.nextInt(16);
        for (int i = 0; i < flips; i++) {
            int at = random.nextInt(region);
            copy[at] ^= (byte) (1 << random.nextInt(8));
        }
        return new Mutant(name + ": " + flips + " bit flips in the first " + region + " bytes", copy);
    }

    private Mutant truncation(String name, byte[] photo) {
        int limit = random.nextInt(4) == 0 ? photo.length : Math.min(photo.length, metadataEnd(photo) + 16);
        int length = random.nextInt(Math.max(1, limit));
        return new Mutant(name + ": cut at byte " + length, Arrays.copyOf(photo, length));
    }

    private Mutant lengthDamage(String name, byte[] photo) {
        List<Segment> segments = segments(photo);
        if (segments.isEmpty()) {
            return truncation(name, photo);
        }
        byte[] copy = photo.clone();
        Segment target = segments.get(random.nextInt(segments.size()));
        int length = random.nextInt(0x10000);
        copy[target.offset + 2] = (byte) (length >> 8);
        copy[target.offset + 3] = (byte) length;
        return new Mutant(name + ": segment at " + target.offset + " claims length " + length, copy);
    }

    private Mutant splice(String name, byte[] photo) {
        List<Segment> segments = segments(photo);
        if (segments.isEmpty()) {
            return bitFlips(name, photo);
        }
        List<byte[]> parts = new ArrayList<>();
        for (Segment segment : segments) {
            parts.add(Arrays.copyOfRange(photo, segment.offset, segment.offset + segment.length));
        }
        int at = random.nextInt(parts.size());
        String what;
        switch (random.nextInt(4)) {
            case 0 -> {
                parts.remove(at);
                what = "segment " + at + " removed";
            }
            case 1 -> {
                parts.add(at, parts.get(at));
                what = "segment " + at + " doubled";
            }
            case 2 -> {
                int other = random.nextInt(parts.size());
                byte[] moved = parts.get(at);
                parts.set(at, parts.get(other));
                parts.set(other, moved);
                what = "segments " + at + " and " + other + " swapped";
            }
            default -> {
                int donorIndex = random.nextInt(photos.size());
                List<Segment> donorSegments = segments(photos.get(donorIndex));
                if (donorSegments.isEmpty()) {
                    return bitFlips(name, photo);
                }
                Segment donor = donorSegments.get(random.nextInt(donorSegments.size()));
                parts.add(at, Arrays.copyOfRange(photos.get(donorIndex), donor.offset, donor.offset + donor.length));
                what = "a segment of " + names.get(donorIndex) + " inserted at " + at;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(photo, 0, 2);
        parts.forEach(part -> out.write(part, 0, part.length));
        int rest = segments.get(segments.size() - 1).offset + segments.get(segments.size() - 1).length;
        out.write(photo, rest, photo.length - rest);
        return new Mutant(name + ": " + what, out.toByteArray());
    }

    /** The marker segments from SOI to SOS (well-formed photos only; a damaged walk stops early). */
    private static List<Segment> segments(byte[] jpeg) {
        List<Segment> segments = new ArrayList<>();
        int position = 2;
        while (position + 4 <= jpeg.length && (jpeg[position] & 0xFF) == 0xFF) {
            int marker = jpeg[position + 1] & 0xFF;
            if (marker == 0xDA || marker == 0xD9) {
                break;
            }
            int length = 2 + ((jpeg[position + 2] & 0xFF) << 8 | (jpeg[position + 3] & 0xFF));
            if (position + length > jpeg.length) {
                break;
            }
            segments.add(new Segment(position, length));
            position += length;
        }
        return segments;
    }

    private static int metadataEnd(byte[] jpeg) {
        List<Segment> segments = segments(jpeg);
        return segments.isEmpty() ? Math.min(jpeg.length, 2) : segments.get(segments.size() - 1).offset + segments.get(segments.size() - 1).length;
    }
}
