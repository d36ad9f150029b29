package dk.munin.detector.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.munin.detector.DetectorRun;
import dk.munin.detector.RunSummary;
import dk.munin.detector.model.InputFormat;
import dk.munin.detector.model.ModelInput;
import dk.munin.detector.photo.ExifOrientation;
import dk.munin.detector.photo.Photo;
import dk.munin.detector.photo.PhotoDecoder;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code make bench-detector}: the detector on a folder of real photos, as a whole process.
 * <ol>
 *   <li>The real pipeline (DetectorRun, FastestDet, all threads): photos/s and where the time per
 *       photo goes (read, decode, preprocess, inference, postprocess), with reduced-scale decoding
 *       on (the default) and off.</li>
 *   <li>Decode + resize alone, one thread, on the full-size photos (those at least twice the
 *       model input on both sides): the detector's reduced-scale decode against plain
 *       {@code ImageIO.read} + the same resize. The target is a ratio of at most 0.5.</li>
 * </ol>
 * Usage: {@code DetectorBenchmark <images folder> <FastestDet.onnx> [rounds]}.
 */
public final class DetectorBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int INPUT = 352;

    private DetectorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !Files.isDirectory(Path.of(args[0])) || !Files.isRegularFile(Path.of(args[1]))) {
            System.out.println("bench-detector: skipped: needs <images folder> <FastestDet.onnx>; got " + Arrays.toString(args)
                    + " (../shared/data is absent in this clone?)");
            return;
        }
        Path images = Path.of(args[0]).toAbsolutePath();
        Path model = Path.of(args[1]).toAbsolutePath();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<Path> photos;
        try (Stream<Path> files = Files.walk(images)) {
            photos = files.filter(Files::isRegularFile).sorted().toList();
        }
        Path work = Files.createTempDirectory("munin-bench-");
        Path imagesJsonl = photoList(images, photos, work.resolve("images.jsonl"));
        System.out.printf(Locale.ROOT, "bench-detector: %d photos in %s, model %s, %d cores%n",
                photos.size(), images, model.getFileName(), Runtime.getRuntime().availableProcessors());

        pipeline(imagesJsonl, model, work, true, rounds);
        pipeline(imagesJsonl, model, work, false, rounds);
        decodeSideBySide(photos, rounds);
    }

    private static Path photoList(Path root, List<Path> photos, Path target) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (Path photo : photos) {
            lines.append(JSON.createObjectNode().put("file", root.relativize(photo).toString().replace('\\', '/'))
                    .put("uri", "file:" + photo)).append('\n');
        }
        return Files.writeString(target, lines, StandardCharsets.UTF_8);
    }

    /** The best of a few whole runs after a warm-up run, as the timing the output file itself reports. */
    private static void pipeline(Path imagesJsonl, Path model, Path work, boolean reducedDecode, int rounds) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("INPUT_URI", imagesJsonl.toString());
        env.put("OUTPUT_URI", work.resolve("out-" + reducedDecode).toString());
        env.put("DETECTOR_MODEL", model.toString());
        env.put("DETECTOR_OUTPUT_THRESHOLD", "0.3");
        env.put("DETECTOR_CHECKPOINT_EVERY", "0");
        env.put("DETECTOR_REDUCED_DECODE", String.valueOf(reducedDecode));
        DetectorRun.run(env);   // warm-up: JIT, ONNX Runtime's first runs, the page cache
        JsonNode best = null;
        for (int round = 0; round < rounds; round++) {
            RunSummary summary = DetectorRun.run(env);
            JsonNode timing = JSON.readTree(Path.of(summary.output().substring("file:".length())).toFile())
                    .at("/info/detector_metadata/timing");
            if (best == null || timing.get("photos_per_second").asDouble() > best.get("photos_per_second").asDouble()) {
                best = timing;
            }
        }
        JsonNode split = best.get("mean_ms_per_photo");
        System.out.printf(Locale.ROOT, "pipeline (reduced decode %s): %.1f photos/s (%d photos, %d threads, best of %d);"
                        + " mean ms per photo: read %.2f, decode %.2f, preprocess %.2f, inference %.2f, postprocess %.2f%n",
                reducedDecode ? "on" : "off", best.get("photos_per_second").asDouble(), best.get("photos_timed").asInt(),
                best.get("threads").asInt(), rounds, split.get("read").asDouble(), split.get("decode").asDouble(),
                split.get("preprocess").asDouble(), split.get("inference").asDouble(), split.get("postprocess").asDouble());
    }

    /** One thread, photo bytes already in memory: only decoding and resizing are timed. */
    private static void decodeSideBySide(List<Path> photos, int rounds) throws IOException {
        List<byte[]> fullSize = new ArrayList<>();
        for (Path photo : photos) {
            byte[] bytes = Files.readAllBytes(photo);
            BufferedImage probe = bytes.length == 0 ? null : ImageIO.read(new ByteArrayInputStream(bytes));
            if (probe != null && probe.getWidth() >= 2 * INPUT && probe.getHeight() >= 2 * INPUT) {
                fullSize.add(bytes);
            }
        }
        PhotoDecoder.SmallestUseful target = (width, height) -> new int[] {INPUT, INPUT};
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] plain = new double[rounds];
        double[] reduced = new double[rounds];
        double[] plainWall = new double[rounds];
        double[] reducedWall = new double[rounds];
        for (int round = -1; round < rounds; round++) {   // round -1 warms up both paths
            long startedWall = System.nanoTime();
            long started = threads.getCurrentThreadCpuTime();
            for (byte[] bytes : fullSize) {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
                ModelInput.prepare(new Photo(image, ExifOrientation.of(bytes)), InputFormat.STRETCH_BGR, INPUT, INPUT);
            }
            long between = threads.getCurrentThreadCpuTime();
            long betweenWall = System.nanoTime();
            for (byte[] bytes : fullSize) {
                try {
                    ModelInput.prepare(PhotoDecoder.decode(bytes, target), InputFormat.STRETCH_BGR, INPUT, INPUT);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            long ended = threads.getCurrentThreadCpuTime();
            long endedWall = System.nanoTime();
            if (round >= 0) {
                plain[round] = (between - started) / 1e6 / fullSize.size();
                reduced[round] = (ended - between) / 1e6 / fullSize.size();
                plainWall[round] = (betweenWall - startedWall) / 1e6 / fullSize.size();
                reducedWall[round] = (endedWall - betweenWall) / 1e6 / fullSize.size();
            }
        }
        // CPU time of this thread is the cost itself and barely moves when other processes share the cores; wall time is shown too.
        System.out.printf(Locale.ROOT, "decode+resize to %dx%d, %d full-size photos, 1 thread, median of %d rounds, CPU time:"
                        + " plain ImageIO.read %.2f ms/photo, reduced-scale decode %.2f ms/photo, ratio %.2f (target <= 0.50)%n",
                INPUT, INPUT, fullSize.size(), rounds, median(plain), median(reduced), median(reduced) / median(plain));
        System.out.printf(Locale.ROOT, "decode+resize, wall time: plain %.2f ms/photo, reduced %.2f ms/photo, ratio %.2f%n",
                median(plainWall), median(reducedWall), median(reducedWall) / median(plainWall));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
