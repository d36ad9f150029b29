package dk.munin.bench;

import dk.munin.budget.DetectorHost;
import dk.munin.budget.DetectorSpeedTable;
import dk.munin.contract.settings.Settings;
import dk.munin.contract.storage.Location;
import dk.munin.state.Json;
import dk.munin.state.SpeedCalibration;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * {@code make bench-calibrate}: measures the detector's ms per frame and start-up on this machine
 * (or, with a host argument, on the AWS instance type it runs on) and writes them into the speed
 * table the cost estimate reads, {@code src/main/resources/<munin.budget.detector-speeds>}: the
 * row of the model's SHA-256 and the host is replaced, or added; every other line is kept.
 *
 * <p>It lives in the app's test code, not the detector's, because what it measures is what the app
 * pays: the detector started as the app starts it, with the app's settings (application.properties),
 * and its output is the app's table, read and written with the app's {@code DetectorSpeedTable}.
 *
 * <p>Each run goes over the photos {@code passes} times (one photo list naming each photo that many
 * times): a loop over only the 83 shared files is over before the JIT has compiled the decoder,
 * and would price a real shard, thousands of photos long, at about twice its steady speed.
 *
 * <p>Usage: {@code DetectorCalibration <images folder> <model.onnx> [runs] [passes] [host]}; without
 * a host the row is for {@link DetectorHost#local()}. Run from the project root.
 */
public final class DetectorCalibration {

    private static final int DEFAULT_RUNS = 3;
    private static final int DEFAULT_PASSES = 10;
    /** Where the table's classpath resource is kept in the source tree. */
    private static final Path RESOURCES = Path.of("src/main/resources");
    /** The shipped settings only: the shell's environment does not change what is measured. */
    private static final Settings SETTINGS = Settings.layered(List.of(applicationProperties()), new Properties(), Map.of());

    private DetectorCalibration() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || !Files.isDirectory(Path.of(args[0])) || !Files.isRegularFile(Path.of(args[1]))) {
            System.out.println("bench-calibrate: skipped: needs <images folder> <model.onnx>; got " + Arrays.toString(args)
                    + " (../shared/data is absent in this clone? set BENCH_IMAGES and BENCH_MODEL)");
            return;
        }
        int runs = args.length > 2 && !args[2].isBlank() ? Integer.parseInt(args[2].trim()) : DEFAULT_RUNS;
        int passes = args.length > 3 && !args[3].isBlank() ? Integer.parseInt(args[3].trim()) : DEFAULT_PASSES;
        String host = args.length > 4 && !args[4].isBlank() ? DetectorHost.instance(args[4]) : DetectorHost.local();
        try {
            calibrate(args[0], Path.of(args[1]), runs, passes, host);
        } catch (Exception e) {
            System.out.println("bench-calibrate: FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void calibrate(String imagesArgument, Path model, int runs, int passes, String host)
            throws IOException, InterruptedException {
        if (runs < 1 || passes < 1) {
            throw new IllegalArgumentException("CALIBRATE_RUNS and CALIBRATE_PASSES must be at least 1, got " + runs + " and " + passes);
        }
        Path images = Path.of(imagesArgument).toAbsolutePath().normalize();
        List<Path> photos = photos(images);
        CalibrationRun.Command command = command();
        if (!Files.isRegularFile(command.jar())) {
            throw new IllegalStateException("the detector jar " + command.jar() + " is missing: make build (munin.detect.jar)");
        }
        Path work = Files.createTempDirectory("munin-bench-calibrate-");
        Path photoList = writePhotoList(photos, images, passes, work.resolve("images.jsonl"));
        double loadBefore = loadAverage();
        line("bench-calibrate: %s over %d photos in %s, %d passes, %d runs, host %s (load average %.1f)",
                String.join(" ", command.arguments()), photos.size(), imagesArgument, passes, runs, host, loadBefore);
        List<CalibrationRun> measured = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            CalibrationRun result = CalibrationRun.measure(command, photoList, model.toAbsolutePath(), work.resolve("run-" + run));
            measured.add(result);
            line("  run %d: process %6.2f s, detect %6.2f s for %d photos (%d threads, input %s): %7.2f ms/frame, start-up %5.2f s",
                    run, result.wallSeconds(), result.detectSeconds(), result.photos(), result.threads(), result.input(),
                    result.msPerFrame(), result.startupSeconds());
        }
        double loadAfter = loadAverage();
        // The load before is the machine's; after, it is mostly the detector's own (it keeps every core busy).
        SpeedCalibration row = row(measured, host, String.format(Locale.ROOT,
                "make bench-calibrate: %s -jar munin-detector.jar over %s (%d photos, %d passes), median of %d runs,"
                        + " load average %.1f before",
                (command.java() + " " + command.jvmOptions()).trim(), imagesArgument, photos.size(), passes, runs, loadBefore));
        Path table = RESOURCES.resolve(SETTINGS.text("munin.budget.detector-speeds"));
        String text = Files.readString(table, StandardCharsets.UTF_8);
        Files.writeString(table, SpeedTableRewrite.withRow(text, row, table.toString()), StandardCharsets.UTF_8);
        line("  median          %.2f ms/frame, start-up %.2f s; load average %.1f before, %.1f after",
                row.msPerFrame(), row.startupSeconds(), loadBefore, loadAfter);
        line("  row written to %s:%n  %s", table, DetectorSpeedTable.format(row));
        deleteTree(work);
    }

    /** Every run must have detected the same photos with the same model, or their median means nothing. */
    private static SpeedCalibration row(List<CalibrationRun> runs, String host, String how) {
        CalibrationRun first = runs.get(0);
        for (CalibrationRun run : runs) {
            if (run.photos() != first.photos() || run.threads() != first.threads() || !run.modelSha256().equals(first.modelSha256())
                    || !run.input().equals(first.input())) {
                throw new IllegalStateException("the runs differ in photos, threads, model or input: " + runs);
            }
        }
        return new SpeedCalibration(first.model(), first.modelSha256(), first.input(), host, first.threads(),
                round(median(runs, CalibrationRun::msPerFrame)), round(median(runs, CalibrationRun::startupSeconds)),
                first.photos(), Instant.now().truncatedTo(ChronoUnit.SECONDS), how);
    }

    /** The detector as the app's local-process mode starts it (application.properties, "Stage-1"). */
    private static CalibrationRun.Command command() {
        return new CalibrationRun.Command(SETTINGS.text("munin.detect.java"), SETTINGS.optional("munin.detect.jvm-options").orElse(""),
                Path.of(SETTINGS.text("munin.detect.jar")), SETTINGS.decimal("munin.detect.output-threshold"));
    }

    /** The photos Stage-0 would list: files under the folder with munin.exif.photo-extensions' endings. */
    private static List<Path> photos(Path images) throws IOException {
        List<String> endings = SETTINGS.list("munin.exif.photo-extensions").stream()
                .map(extension -> "." + extension.toLowerCase(Locale.ROOT)).toList();
        try (Stream<Path> files = Files.walk(images)) {
            List<Path> photos = files.filter(Files::isRegularFile)
                    .filter(file -> endings.stream().anyMatch(file.getFileName().toString().toLowerCase(Locale.ROOT)::endsWith))
                    .sorted().toList();
            if (photos.isEmpty()) {
                throw new IllegalStateException("no photos (" + endings + ") under " + images);
            }
            return photos;
        }
    }

    /**
     * The detector's input, images.jsonl, with only what it reads of each line: file and uri. Each
     * pass names every photo once more, under {@code pass-NN/} so no two entries share a file.
     */
    private static Path writePhotoList(List<Path> photos, Path root, int passes, Path target) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int pass = 0; pass < passes; pass++) {
            String prefix = passes == 1 ? "" : String.format(Locale.ROOT, "pass-%02d/", pass);
            for (Path photo : photos) {
                lines.append(Json.write(Map.of("file", prefix + root.relativize(photo).toString().replace('\\', '/'),
                        "uri", Location.of(photo).uri()))).append('\n');
            }
        }
        return Files.writeString(target, lines, StandardCharsets.UTF_8);
    }

    private static double median(List<CalibrationRun> runs, ToDoubleFunction<CalibrationRun> figure) {
        double[] sorted = runs.stream().mapToDouble(figure).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static Properties applicationProperties() {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("bench-calibrate runs in the project's root, beside application.properties", e);
        }
        return properties;
    }

    /** printf with the root locale: the same figures on every machine. */
    private static void line(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
