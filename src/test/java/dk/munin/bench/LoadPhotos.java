package dk.munin.bench;

import dk.munin.state.Json;
import dk.munin.testing.TestPhotos;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The photos of {@code make bench-load}: {@code photos} small, valid JPEGs with EXIF Make, Model and
 * DateTimeOriginal, shared out over {@code stations} station folders ({@code Station01/IMG_000001.JPG}),
 * each station one camera. The same parameters write the same bytes.
 *
 * <p>Fast because a JPEG is encoded only every {@value #TEMPLATE_USES} photos: a template made by
 * {@link TestPhotos} with a placeholder DateTimeOriginal, which each photo copies with the
 * placeholder's 19 ASCII characters overwritten by its own time (EXIF stores the string in place, so
 * the file stays valid). A template's pixels are a view of one of the real photos under
 * {@code scenes} (a random window, mirrored or not) {@value #WIDTH} pixels wide, so the detector finds
 * boxes, in new places from template to template, and Stage-2 has sequences, records and events to
 * make; without them (a clone without ../shared) TestPhotos' own grey scene at random sizes, where a
 * real detector finds nothing. Times come in bursts of 1 to 5 frames a second apart, then a pause of
 * 2 minutes to 8 hours, from the station's start in April on.
 *
 * @param photos   how many photos, exactly
 * @param stations station folders; the photos are shared out evenly
 * @param scenes   a folder of real photos (read recursively) to take the pixels from; null: drawn scenes
 * @param seed     of the one {@link Random} the times and templates are drawn from
 */
public record LoadPhotos(int photos, int stations, Path scenes, long seed) {

    /** Part of the cache key: bump it whenever the files a given set of parameters writes change. */
    static final int GENERATOR_VERSION = 2;
    static final long DEFAULT_SEED = 20_261_203L;
    /** Written last: a folder without it is an interrupted generation, never reused. */
    static final String SUMMARY_JSON = "photos.json";
    static final String PHOTOS = "photos";

    /** Photos a template is used for: under munin.cluster.repeat.min-occurrences (20) even with a burst of MAX_BURST added. */
    static final int TEMPLATE_USES = 10;
    private static final int WIDTH = 320;
    /** Scenes are kept this much wider than the photos, so a view of 80 % of one is still scaled down. */
    private static final int SCENE_MARGIN_PERCENT = 125;
    private static final int MIN_VIEW_PERCENT = 80;
    private static final int DRAWN_MIN_WIDTH = 256;
    private static final int DRAWN_WIDTH_RANGE = 129;
    private static final LocalDateTime SEASON_START = LocalDateTime.of(2024, 4, 1, 6, 0);
    private static final LocalDateTime PLACEHOLDER = LocalDateTime.of(1999, 9, 9, 9, 9, 9);
    private static final DateTimeFormatter EXIF_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");
    private static final int MAX_BURST = 5;
    private static final int MIN_PAUSE_SECONDS = 120;
    private static final int MAX_PAUSE_SECONDS = 8 * 3600;
    private static final String[][] CAMERAS = {
        {"RECONYX", "HC600 HYPERFIRE"}, {"BUSHNELL", "119949C"}, {"BROWNING", "BTC-8E"},
        {"CUDDEBACK", "G-5013"}, {"SPYPOINT", "FORCE-20"}};

    /** What was written: the folder to give {@code munin run --input}, and its size. */
    public record Written(Path folder, Summary summary) {
    }

    /** The generator's figures, kept beside the photos. */
    public record Summary(int photos, int stations, long bytes, long generatedMillis) {
    }

    public LoadPhotos {
        if (photos < 1 || stations < 1 || stations > photos) {
            throw new IllegalArgumentException("needs 1 <= stations <= photos, got " + stations + " stations for " + photos + " photos");
        }
    }

    /** @param scenes null, or a folder that may not exist: then drawn scenes */
    public static LoadPhotos of(int photos, int stations, Path scenes) {
        return new LoadPhotos(photos, stations, scenes != null && Files.isDirectory(scenes) ? scenes : null, DEFAULT_SEED);
    }

    public String key() {
        return "photos-v%d-%dp-%ds-%s-%d".formatted(GENERATOR_VERSION, photos, stations, scenes == null ? "drawn" : "real", seed);
    }

    /** The photos under {@code cache}, written first unless a complete set with the same key is there. */
    public Written cachedIn(Path cache) throws IOException {
        Path folder = cache.resolve(key());
        Path summary = folder.resolve(SUMMARY_JSON);
        if (Files.isRegularFile(summary)) {
            return new Written(folder.resolve(PHOTOS), Json.MAPPER.readValue(summary.toFile(), Summary.class));
        }
        Path partial = cache.resolve(key() + ".partial");
        deleteTree(partial);
        Summary written = writeTo(partial).summary();
        deleteTree(folder);
        Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
        return new Written(folder.resolve(PHOTOS), written);
    }

    /** Writes the photos under {@code folder/photos} and, last, photos.json with the summary. */
    public Written writeTo(Path folder) throws IOException {
        long started = System.nanoTime();
        Random random = new Random(seed);
        Path root = folder.resolve(PHOTOS);
        Scenes pixels = scenes == null ? null : Scenes.of(scenes, WIDTH * SCENE_MARGIN_PERCENT / 100);
        long bytes = 0;
        for (int s = 0; s < stations; s++) {
            int count = photos / stations + (s < photos % stations ? 1 : 0);
            bytes += writeStation(root.resolve(station(s)), s, count, pixels, random);
        }
        Summary summary = new Summary(photos, stations, bytes, (System.nanoTime() - started) / 1_000_000);
        Files.write(folder.resolve(SUMMARY_JSON), Json.MAPPER.writeValueAsBytes(summary));
        return new Written(root, summary);
    }

    /** The folder of station {@code index} (from 0): Station01, Station02, ... */
    static String station(int index) {
        return "Station%02d".formatted(index + 1);
    }

    /**
     * A station's photos, in bursts; a new template once the last has been in {@value #TEMPLATE_USES}
     * photos, so no picture (and no box the detector finds in it) is seen in the 20 photos that make a
     * repeat detection (munin.cluster.repeat.min-occurrences): the boxes are animals, not rocks.
     */
    private static long writeStation(Path station, int index, int count, Scenes scenes, Random random) throws IOException {
        Files.createDirectories(station);
        String[] camera = CAMERAS[index % CAMERAS.length];
        LocalDateTime taken = SEASON_START.plusMinutes(37L * index);
        Template template = null;
        int uses = 0;
        long bytes = 0;
        int written = 0;
        while (written < count) {
            int burst = Math.min(1 + random.nextInt(MAX_BURST), count - written);
            if (template == null || uses >= TEMPLATE_USES) {
                template = Template.of(camera, scenes, random);
                uses = 0;
            }
            for (int frame = 0; frame < burst; frame++) {
                written++;
                uses++;
                byte[] photo = template.at(taken.plusSeconds(frame));
                Files.write(station.resolve("IMG_%06d.JPG".formatted(written)), photo);
                bytes += photo.length;
            }
            taken = taken.plusSeconds(burst + MIN_PAUSE_SECONDS + random.nextInt(MAX_PAUSE_SECONDS - MIN_PAUSE_SECONDS));
        }
        return bytes;
    }

    /** A JPEG with EXIF whose DateTimeOriginal is a placeholder at a known offset. */
    private record Template(byte[] bytes, int timeOffset) {

        /** A view of a real scene, or else TestPhotos' drawn one at a size between 256 and 384 pixels wide. */
        static Template of(String[] camera, Scenes scenes, Random random) {
            TestPhotos.Builder photo = TestPhotos.jpeg().camera(camera[0], camera[1]).taken(PLACEHOLDER);
            if (scenes == null) {
                int width = DRAWN_MIN_WIDTH + random.nextInt(DRAWN_WIDTH_RANGE);
                photo.size(width, width * 3 / 4);
            } else {
                photo.scene(scenes.view(WIDTH, random));
            }
            return of(photo.bytes());
        }

        static Template of(byte[] bytes) {
            byte[] placeholder = EXIF_TIME.format(PLACEHOLDER).getBytes(StandardCharsets.US_ASCII);
            int at = indexOf(bytes, placeholder, 0);
            if (at < 0 || indexOf(bytes, placeholder, at + 1) >= 0) {
                throw new IllegalStateException("the template's DateTimeOriginal is not found exactly once");
            }
            return new Template(bytes, at);
        }

        byte[] at(LocalDateTime taken) {
            byte[] photo = bytes.clone();
            byte[] time = EXIF_TIME.format(taken).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(time, 0, photo, timeOffset, time.length);
            return photo;
        }

        private static int indexOf(byte[] haystack, byte[] needle, int from) {
            outer:
            for (int i = from; i <= haystack.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    /** Real photos, scaled down once and without their metadata, to take views of. */
    record Scenes(List<BufferedImage> photos) {

        /** Every JPEG under {@code folder} at least {@code width} wide that ImageIO decodes, in path order, scaled to that width. */
        static Scenes of(Path folder, int width) throws IOException {
            List<Path> files;
            try (Stream<Path> paths = Files.walk(folder)) {
                files = paths.filter(Files::isRegularFile).filter(path -> path.toString().toLowerCase(Locale.ROOT).matches(".*\\.jpe?g"))
                        .sorted().toList();
            }
            List<BufferedImage> scaled = new ArrayList<>();
            for (Path file : files) {
                BufferedImage photo = decoded(file);
                if (photo != null && photo.getWidth() >= width) {
                    scaled.add(drawn(photo, 0, 0, photo.getWidth(), photo.getHeight(), width, false));
                }
            }
            if (scaled.isEmpty()) {
                throw new IllegalArgumentException("no JPEG of at least " + width + " pixels wide under " + folder);
            }
            return new Scenes(List.copyOf(scaled));
        }

        /** A JPEG {@code width} wide of a random window (80 to 100 % of a random scene, anywhere in it), mirrored half the time. */
        byte[] view(int width, Random random) {
            BufferedImage scene = photos.get(random.nextInt(photos.size()));
            int percent = MIN_VIEW_PERCENT + random.nextInt(101 - MIN_VIEW_PERCENT);
            int w = scene.getWidth() * percent / 100;
            int h = scene.getHeight() * percent / 100;
            int x = random.nextInt(scene.getWidth() - w + 1);
            int y = random.nextInt(scene.getHeight() - h + 1);
            BufferedImage view = drawn(scene, x, y, w, h, width, random.nextBoolean());
            try {
                ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
                ImageIO.write(view, "jpg", jpeg);
                return jpeg.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static BufferedImage drawn(BufferedImage source, int x, int y, int w, int h, int width, boolean mirrored) {
            int height = Math.max(1, h * width / w);
            BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, mirrored ? width : 0, 0, mirrored ? 0 : width, height, x, y, x + w, y + h, null);
            g.dispose();
            return out;
        }

        /** null for a file ImageIO cannot read (an empty or broken one): a scene less, not a failure. */
        private static BufferedImage decoded(Path file) {
            try {
                return ImageIO.read(file.toFile());
            } catch (IOException | RuntimeException unreadable) {
                return null;
            }
        }
    }

    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
