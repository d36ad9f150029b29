package dk.munin.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dk.munin.contract.megadetector.Detection;
import dk.munin.contract.megadetector.MegaDetectorCategories;
import dk.munin.contract.megadetector.MegaDetectorFile;
import dk.munin.exif.PhotoRecord;
import dk.munin.exif.TimestampIssue;
import dk.munin.state.Json;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A camera-trap survey made up for the Stage-2 benchmark: Stage-0's {@code stage0/images.jsonl}
 * and the merged {@code stage1/detections.json} with {@code detections} boxes in all, over
 * {@code stations} stations of one camera each. Both files are written as the photos are made
 * up, so neither is ever in memory, and the same parameters write the same bytes.
 *
 * <p>What it holds, so that each part of Stage-2 has work (bench/README.md):
 * <ul>
 *   <li>bursts of 3 to 10 frames 1 to 3 s apart, then a pause of 2 minutes to 3 days
 *       (log-uniform), from a station's start in April on: sequences and independent records;</li>
 *   <li>0 to 2 x {@code boxesPerPhoto} boxes a photo: the burst's animals (or person, vehicle)
 *       moving a little from frame to frame, mostly well above the thresholds and sometimes not,
 *       and spurious low-confidence boxes anywhere;</li>
 *   <li>at every 20th station a rock: one small box, a pixel either way, in about a third of the
 *       photos (at least 20), for repeat-detection elimination;</li>
 *   <li>Reconyx cameras (frame and trigger numbers) at even stations, Bushnell ones at odd;</li>
 *   <li>two stations in three with a deployment: UTC offset, UTC times and a position; the others
 *       a GPS position of their own and no UTC offset (so Camtrap DP leaves their media out);</li>
 *   <li>a few photos the detector could not read, Stage-0 could not read, or without a time.</li>
 * </ul>
 *
 * @param detections    the boxes in detections.json, exactly
 * @param stations      stations, one camera each; the boxes are shared out evenly
 * @param boxesPerPhoto the mean boxes of a photo the detector read
 * @param seed          of the one {@link Random} everything is drawn from
 */
public record SyntheticSurvey(int detections, int stations, int boxesPerPhoto, long seed) {

    /** Part of the cache key: bump it whenever the files a given set of parameters writes change. */
    static final int GENERATOR_VERSION = 2;
    static final String IMAGES_JSONL = "stage0/images.jsonl";
    static final String DETECTIONS_JSON = "stage1/detections.json";
    /** Written last: a folder without it is an interrupted generation, never reused. */
    static final String COUNTS_JSON = "survey.json";
    /**
     * Where the photos would be: input_uri, and the start of each photo's uri (the record table's
     * Directory column). Nothing is there and nothing reads them; a fixed place keeps the files
     * the same wherever they are written.
     */
    static final String PHOTOS_URI = "s3://munin-bench/photos/";
    static final String DETECTOR = "md_v5a.0.0.pt";

    private static final long DEFAULT_SEED = 20_260_601L;
    private static final int WIDTH = 2048;
    private static final int HEIGHT = 1440;
    private static final LocalDateTime SEASON_START = LocalDateTime.of(2024, 4, 1, 0, 0);
    private static final ZoneOffset CAMERA_OFFSET = ZoneOffset.ofHours(1);
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final int ROCK_EVERY = 20;
    private static final double ROCK_SHARE = 0.35;
    /** A station with fewer boxes gets no rock: it might be seen in fewer photos than a repeat needs (20). */
    private static final int ROCK_MIN_BOXES = 500;
    private static final double UNREADABLE_SHARE = 0.001;
    private static final double DETECTOR_FAILURE_SHARE = 0.004;
    private static final double NO_TIME_SHARE = 0.002;

    public SyntheticSurvey {
        if (detections < 1 || stations < 1 || boxesPerPhoto < 1) {
            throw new IllegalArgumentException("a survey needs detections, stations and boxes per photo, got " + detections
                    + ", " + stations + ", " + boxesPerPhoto);
        }
    }

    /** 4 boxes a photo over 200 stations: a million detections are about 250,000 photos. */
    public static SyntheticSurvey of(int detections) {
        return new SyntheticSurvey(detections, 200, 4, DEFAULT_SEED);
    }

    /**
     * What the generator made, for comparing with what Stage-2 counts.
     *
     * @param sequences the bursts with a photo that has a time, plus each photo without one (its own sequence)
     * @param rockBoxes the rocks' boxes, all of which repeat-detection elimination should flag
     */
    public record Counts(int photos, int boxes, int detectorFailures, int unreadablePhotos, int rockBoxes, int sequences,
                         long imagesJsonlBytes, long detectionsJsonBytes) {
    }

    /** A survey on disk. */
    public record Written(Path folder, Counts counts) {

        public Path imagesJsonl() {
            return folder.resolve(IMAGES_JSONL);
        }

        public Path detectionsJson() {
            return folder.resolve(DETECTIONS_JSON);
        }
    }

    /** The folder name of this survey under a cache: its parameters and the generator's version. */
    public String key() {
        return "survey-v%d-%dd-%ds-%db-%d".formatted(GENERATOR_VERSION, detections, stations, boxesPerPhoto, seed);
    }

    /** The survey under {@code cache}, written first unless a complete one with the same key is there. */
    public Written cachedIn(Path cache) throws IOException {
        Path folder = cache.resolve(key());
        Path counts = folder.resolve(COUNTS_JSON);
        if (Files.isRegularFile(counts)) {
            return new Written(folder, Json.MAPPER.readValue(counts.toFile(), Counts.class));
        }
        Path partial = cache.resolve(key() + ".partial");
        deleteTree(partial);
        Counts written = writeTo(partial).counts();
        deleteTree(folder);
        Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
        return new Written(folder, written);
    }

    /** Writes images.jsonl, detections.json and, last, survey.json with the counts into {@code folder}. */
    public Written writeTo(Path folder) throws IOException {
        Files.createDirectories(folder.resolve(IMAGES_JSONL).getParent());
        Files.createDirectories(folder.resolve(DETECTIONS_JSON).getParent());
        Random random = new Random(seed);
        Counts counts;
        try (SurveyFiles files = new SurveyFiles(folder)) {
            for (int s = 0; s < stations; s++) {
                int budget = detections / stations + (s < detections % stations ? 1 : 0);
                new StationWriter(Station.of(s, budget, random), budget, boxesPerPhoto, random, files).write();
            }
            files.close();
            counts = files.counts();
        }
        Files.write(folder.resolve(COUNTS_JSON), Json.writePretty(counts));
        return new Written(folder, counts);
    }

    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /**
     * One station's camera, as Stage-0 names it.
     *
     * @param deploymentId null for a station without a deployment: no UTC offset, a GPS position of its own
     * @param rock         the rock's corners in pixels, or null
     */
    private record Station(String name, String camera, boolean reconyx, String serialNumber, String deploymentId,
                           Double latitude, Double longitude, LocalDateTime start, int[] rock) {

        static Station of(int index, int budget, Random random) {
            String name = "S%03d".formatted(index + 1);
            boolean reconyx = index % 2 == 0;
            String serial = reconyx ? "H2RXEM%08d".formatted(6_043_000 + index) : null;
            boolean deployed = index % 3 != 2;
            Double latitude = round(54.8 + 2.6 * random.nextDouble(), 5);
            Double longitude = round(8.2 + 4.3 * random.nextDouble(), 5);
            LocalDateTime start = SEASON_START.plusMinutes(random.nextInt(14 * 24 * 60));
            return new Station(name, name + ":" + (reconyx ? "RECONYX " + serial : "BUSHNELL 119977"), reconyx, serial,
                    deployed ? name + "-2024" : null, latitude, longitude, start,
                    index % ROCK_EVERY == 0 && budget >= ROCK_MIN_BOXES ? rock(random) : null);
        }

        /**
         * A stone low in the frame: small, so a suspect (at most 0.2 of the image), and at least
         * 123 x 72 pixels, so boxes 2 pixels apart on every side still overlap at IoU 0.9.
         */
        private static int[] rock(Random random) {
            int x = (int) (WIDTH * (0.1 + 0.7 * random.nextDouble()));
            int y = (int) (HEIGHT * (0.55 + 0.3 * random.nextDouble()));
            int w = (int) (WIDTH * (0.06 + 0.06 * random.nextDouble()));
            int h = (int) (HEIGHT * (0.05 + 0.05 * random.nextDouble()));
            return new int[] {x, y, x + w, y + h};
        }

        String file(int number) {
            return reconyx ? "%s/100RECNX/RCNX%05d.JPG".formatted(name, number) : "%s/DCIM/100BUSHN/IMG_%05d.JPG".formatted(name, number);
        }
    }

    /** The burst's subjects: a category, and one to three of them moving about the frame. */
    private static final class Burst {

        private final String category;
        private final double[] centreX;
        private final double[] centreY;
        private final double[] width;
        private final double[] height;

        Burst(Random random) {
            double kind = random.nextDouble();
            category = kind < 0.85 ? MegaDetectorCategories.ANIMAL : kind < 0.95 ? MegaDetectorCategories.PERSON : MegaDetectorCategories.VEHICLE;
            int individuals = random.nextDouble() < 0.7 ? 1 : 1 + random.nextInt(3);
            centreX = new double[individuals];
            centreY = new double[individuals];
            width = new double[individuals];
            height = new double[individuals];
            for (int i = 0; i < individuals; i++) {
                centreX[i] = 0.15 + 0.7 * random.nextDouble();
                centreY[i] = 0.3 + 0.5 * random.nextDouble();
                width[i] = 0.08 + 0.27 * random.nextDouble();
                height[i] = 0.08 + 0.22 * random.nextDouble();
            }
        }

        /** {@code count} boxes of one frame: the rock if there is one, the subjects, then spurious boxes; then the subjects move. */
        List<Detection> frame(int count, int[] rock, Random random) {
            List<Detection> boxes = new ArrayList<>(count);
            if (rock != null && count > 0) {
                boxes.add(box(MegaDetectorCategories.ANIMAL, 0.15 + 0.45 * random.nextDouble(), rock[0] + jitter(random),
                        rock[1] + jitter(random), rock[2] + jitter(random), rock[3] + jitter(random)));
            }
            for (int i = 0; i < centreX.length && boxes.size() < count; i++) {
                // Now and then a subject half out of the frame or in the dark: a box below the thresholds.
                double conf = random.nextDouble() < 0.15 ? 0.05 + 0.4 * random.nextDouble() : 0.45 + 0.53 * random.nextDouble();
                boxes.add(box(category, conf, (centreX[i] - width[i] / 2) * WIDTH, (centreY[i] - height[i] / 2) * HEIGHT,
                        (centreX[i] + width[i] / 2) * WIDTH, (centreY[i] + height[i] / 2) * HEIGHT));
            }
            while (boxes.size() < count) {
                boxes.add(spurious(random));
            }
            for (int i = 0; i < centreX.length; i++) {
                centreX[i] = Math.min(0.95, Math.max(0.05, centreX[i] + 0.02 * random.nextGaussian()));
                centreY[i] = Math.min(0.95, Math.max(0.05, centreY[i] + 0.01 * random.nextGaussian()));
            }
            return boxes;
        }

        private static Detection spurious(Random random) {
            double kind = random.nextDouble();
            String category = kind < 0.7 ? MegaDetectorCategories.ANIMAL : kind < 0.9 ? MegaDetectorCategories.PERSON : MegaDetectorCategories.VEHICLE;
            double w = 0.02 + 0.1 * random.nextDouble();
            double h = 0.02 + 0.1 * random.nextDouble();
            double x = (1 - w) * random.nextDouble();
            double y = (1 - h) * random.nextDouble();
            // Mostly faint, as a detector run at a low output threshold reports them: about one in ten reaches 0.2.
            double faint = random.nextDouble();
            return box(category, 0.005 + 0.245 * faint * faint, x * WIDTH, y * HEIGHT, (x + w) * WIDTH, (y + h) * HEIGHT);
        }

        private static int jitter(Random random) {
            return random.nextInt(3) - 1;
        }

        /** Clipped to the photo and rounded as the detector rounds (3 decimals for conf, 4 for the box). */
        private static Detection box(String category, double conf, double x1, double y1, double x2, double y2) {
            return Detection.fromCorners(category, conf, Math.max(0, x1), Math.max(0, y1), Math.min(WIDTH, x2), Math.min(HEIGHT, y2),
                    WIDTH, HEIGHT).orElseThrow(() -> new IllegalStateException("a made-up box rounded away"));
        }
    }

    /** One station's photos in file order, until its share of the boxes is used up. */
    private static final class StationWriter {

        private final Station station;
        private final Random random;
        private final SurveyFiles files;
        private final int boxesPerPhoto;
        private int remaining;

        StationWriter(Station station, int budget, int boxesPerPhoto, Random random, SurveyFiles files) {
            this.station = station;
            this.remaining = budget;
            this.boxesPerPhoto = boxesPerPhoto;
            this.random = random;
            this.files = files;
        }

        void write() throws IOException {
            LocalDateTime time = station.start();
            int number = 0;
            long trigger = 0;
            while (remaining > 0) {
                int frames = 3 + random.nextInt(8);
                Burst burst = new Burst(random);
                trigger++;
                boolean timed = false;
                for (int frame = 1; frame <= frames && remaining > 0; frame++) {
                    time = time.plusSeconds(frame == 1 ? pause() : 1 + random.nextInt(3));
                    number++;
                    double kind = random.nextDouble();
                    Frame shot = new Frame(station.file(number), time, frame, frames, trigger);
                    if (kind < UNREADABLE_SHARE) {
                        files.unreadable(station, shot);
                    } else if (kind < UNREADABLE_SHARE + DETECTOR_FAILURE_SHARE) {
                        files.detectorFailure(station, shot);
                        timed = true;
                    } else {
                        boolean noTime = kind < UNREADABLE_SHARE + DETECTOR_FAILURE_SHARE + NO_TIME_SHARE;
                        int[] rock = station.rock() != null && random.nextDouble() < ROCK_SHARE ? station.rock() : null;
                        List<Detection> boxes = burst.frame(Math.min(remaining, random.nextInt(2 * boxesPerPhoto + 1)), rock, random);
                        remaining -= boxes.size();
                        files.detected(station, shot, noTime, boxes, rock != null && !boxes.isEmpty());
                        timed |= !noTime;
                    }
                }
                if (timed) {
                    files.burstEnded();
                }
            }
        }

        /** Minutes to days between visits: log-uniform from 2 minutes to 3 days, always past the 60 s sequence gap. */
        private long pause() {
            return Math.round(Math.exp(Math.log(120) + (Math.log(3 * 86_400) - Math.log(120)) * random.nextDouble()));
        }
    }

    private record Frame(String file, LocalDateTime time, int number, int of, long trigger) {
    }

    /** The two files being written, and what has gone into them. */
    private static final class SurveyFiles implements Closeable {

        private final Writer imagesOut;
        private final JsonGenerator images;
        private final JsonGenerator detectionsOut;
        private final ObjectWriter lines = Json.MAPPER.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
        private final Path folder;
        private int photos;
        private int boxes;
        private int detectorFailures;
        private int unreadable;
        private int rockBoxes;
        private int sequences;
        private boolean closed;

        SurveyFiles(Path folder) throws IOException {
            this.folder = folder;
            imagesOut = Files.newBufferedWriter(folder.resolve(IMAGES_JSONL), StandardCharsets.UTF_8);
            images = Json.MAPPER.getFactory().createGenerator(imagesOut);
            images.setRootValueSeparator(null); // each line ends with '\n' instead
            // Pretty-printed, as MegaDetectorFile writes the merged file: the size Stage-2 reads.
            detectionsOut = new JsonFactory().createGenerator(new BufferedOutputStream(Files.newOutputStream(folder.resolve(DETECTIONS_JSON)), 1 << 16))
                    .useDefaultPrettyPrinter();
            detectionsOut.writeStartObject();
            detectionsOut.writeObjectFieldStart("info");
            detectionsOut.writeStringField("format_version", MegaDetectorFile.FORMAT_VERSION);
            detectionsOut.writeStringField("detector", DETECTOR);
            detectionsOut.writeStringField("detection_completion_time", "2024-10-01 12:00:00");
            detectionsOut.writeObjectFieldStart("detector_metadata");
            detectionsOut.writeEndObject();
            detectionsOut.writeEndObject();
            detectionsOut.writeObjectFieldStart("detection_categories");
            for (var category : MegaDetectorCategories.NAMES.entrySet()) {
                detectionsOut.writeStringField(category.getKey(), category.getValue());
            }
            detectionsOut.writeEndObject();
            detectionsOut.writeArrayFieldStart("images");
        }

        /** Stage-0 could not read it, so the detector never saw it: a line with an error, no detections entry. */
        void unreadable(Station station, Frame frame) throws IOException {
            line(new PhotoRecord(frame.file(), uri(frame), 0, 0, station.name(), null, station.deploymentId(), null, null, null, null,
                    null, null, null, null, null, null, null, PhotoRecord.TIME_SOURCE_NONE, null, null, null, null, null, List.of(),
                    List.of(), null, null, null, null, null, null, null, null, null, List.of(), "empty file (0 bytes)"));
            unreadable++;
        }

        void detectorFailure(Station station, Frame frame) throws IOException {
            line(photo(station, frame, false));
            detectionsOut.writeStartObject();
            detectionsOut.writeStringField("file", frame.file());
            detectionsOut.writeStringField("failure", "image access failure");
            detectionsOut.writeNullField("detections");
            detectionsOut.writeEndObject();
            detectorFailures++;
        }

        void detected(Station station, Frame frame, boolean noTime, List<Detection> found, boolean rockSeen) throws IOException {
            line(photo(station, frame, noTime));
            if (noTime) {
                sequences++; // nothing says which burst it belongs to
            }
            detectionsOut.writeStartObject();
            detectionsOut.writeStringField("file", frame.file());
            detectionsOut.writeArrayFieldStart("detections");
            for (Detection detection : found) {
                detectionsOut.writeStartObject();
                detectionsOut.writeStringField("category", detection.category());
                detectionsOut.writeNumberField("conf", detection.conf());
                detectionsOut.writeArrayFieldStart("bbox");
                for (double coordinate : detection.bbox()) {
                    detectionsOut.writeNumber(coordinate);
                }
                detectionsOut.writeEndArray();
                detectionsOut.writeEndObject();
            }
            detectionsOut.writeEndArray();
            detectionsOut.writeEndObject();
            boxes += found.size();
            rockBoxes += rockSeen ? 1 : 0;
        }

        void burstEnded() {
            sequences++;
        }

        Counts counts() {
            try {
                return new Counts(photos, boxes, detectorFailures, unreadable, rockBoxes, sequences,
                        Files.size(folder.resolve(IMAGES_JSONL)), Files.size(folder.resolve(DETECTIONS_JSON)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private PhotoRecord photo(Station station, Frame frame, boolean noTime) {
            String local = noTime ? null : LOCAL_TIME.format(frame.time());
            boolean deployed = station.deploymentId() != null;
            String utc = noTime || !deployed ? null : frame.time().toInstant(CAMERA_OFFSET).toString();
            boolean reconyx = station.reconyx();
            return new PhotoRecord(frame.file(), uri(frame), 280_000 + frame.file().hashCode() % 40_000, 65_536, station.name(),
                    station.camera(), station.deploymentId(), reconyx ? "RECONYX" : "BUSHNELL", reconyx ? "HYPERFIRE 2 COVERT" : "119977",
                    reconyx ? "RECONYX" : "Bushnell", reconyx ? "HYPERFIRE 2 COVERT" : "119977", null, station.serialNumber(),
                    reconyx ? station.name() : null, WIDTH, HEIGHT, 1, local,
                    noTime ? PhotoRecord.TIME_SOURCE_NONE : PhotoRecord.TIME_SOURCE_EXIF, null, local,
                    deployed ? CAMERA_OFFSET.getId() : null, deployed ? "deployment" : null, utc, List.of(),
                    noTime ? List.of(TimestampIssue.NO_TIME.code()) : List.of(),
                    reconyx ? frame.number() : null, reconyx ? frame.of() : null, reconyx ? frame.trigger() : null,
                    reconyx ? "Motion Detection" : null, reconyx ? 4 + (int) (frame.trigger() % 17) : null, null,
                    station.latitude(), station.longitude(),
                    deployed ? PhotoRecord.POSITION_FROM_DEPLOYMENT : PhotoRecord.POSITION_FROM_EXIF, List.of(), null);
        }

        private static String uri(Frame frame) {
            return PHOTOS_URI + frame.file();
        }

        private void line(PhotoRecord photo) throws IOException {
            lines.writeValue(images, photo);
            images.writeRaw('\n');
            photos++;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try (Writer ignored = imagesOut; JsonGenerator ignoredToo = detectionsOut) {
                images.close();
                detectionsOut.writeEndArray();
                detectionsOut.writeEndObject();
            }
        }
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
