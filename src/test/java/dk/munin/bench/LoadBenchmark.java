package dk.munin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.contract.testing.TinyOnnxModel;
import dk.munin.state.Json;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code make bench-load}: a whole local run ({@code ./munin run}, a separate process, LOCAL mode, so
 * 0 DKK) over {@code photos} generated photos ({@link LoadPhotos}), both JVMs under a fixed -Xmx. It
 * measures each workflow state's wall time and photos/s (from run_report.json), the heap of the app's
 * JVM and of each detector JVM (from their GC logs, {@link GcLog}), and open file descriptors and
 * threads of each, sampled from /proc ({@link ProcessSampler}); prints one table, and exits 1 when
 * the run fails, loses a photo, leaks (fds or threads grow through a state as it works through the
 * photos) or comes near its heap limit. Usage:
 * {@code LoadBenchmark <munin command> <photos> <stations> <scenes> <model> <work folder> <app -Xmx> <detector -Xmx>},
 * scenes being a folder of real photos to take the pixels from (may be absent: drawn scenes).
 */
public final class LoadBenchmark {

    /** How often /proc is read. */
    static final long SAMPLE_MILLIS = 500;
    /** More open files than this, late in a state against early in it, is a leak (a leak per photo is thousands). */
    static final int FD_GROWTH_LIMIT = 16;
    static final int THREAD_GROWTH_LIMIT = 8;
    /** A JVM whose heap after a collection comes within this share of -Xmx is at its bound. */
    static final double HEAP_HEADROOM_LIMIT = 0.9;
    static final String DETECTOR_JAR = "munin-detector.jar";
    static final int DETECTOR_ATTEMPT_SECONDS = 86_400;

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String munin = args[0];
        LoadPhotos generator = LoadPhotos.of(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
        Path work = Files.createDirectories(Path.of(args[5]).toAbsolutePath());
        String appHeap = args[6];
        String detectorHeap = args[7];
        if (work.toString().matches(".*\\s.*")) {
            System.out.println("bench-load: the work folder may not contain spaces (it goes into JVM options): " + work);
            System.exit(2);
        }
        double loadBefore = loadAverage();
        LoadPhotos.Written photos = generated(generator, work.resolve("photos"));
        Path model = model(Path.of(args[4]), work);
        Path output = work.resolve("run");
        Path gcLogs = work.resolve("gc");
        LoadPhotos.deleteTree(output);
        LoadPhotos.deleteTree(gcLogs);
        Files.createDirectories(gcLogs);
        Path log = work.resolve("run.log");

        Path manifest = work.resolve("manifest.json");
        Files.write(manifest, Json.MAPPER.writeValueAsBytes(manifest(generator, photos.folder(), output)));
        ProcessBuilder builder = new ProcessBuilder(munin, "run", "--manifest", manifest.toString(), "--model", model.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MUNIN_JAVA_OPTS", "-Xmx" + appHeap + " " + GcLog.option(gcLogs.resolve("app.log")));
        // no weather: its providers are on the internet, which a benchmark must not depend on (nor load)
        builder.environment().put("MUNIN_WEATHER_PROVIDERS", "none");
        builder.environment().put("MUNIN_DETECT_JVM_OPTIONS", "-Xmx" + detectorHeap + " " + GcLog.option(gcLogs.resolve("detector-%p.log")));
        long started = System.nanoTime();
        Process run = builder.start();
        int exit;
        List<ProcessSampler.Sample> samples;
        try (ProcessSampler sampler = new ProcessSampler(run.pid(), DETECTOR_JAR, SAMPLE_MILLIS).start()) {
            exit = run.waitFor();
            samples = sampler.samples();
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        Path reportFile = output.resolve("run_report.json");
        if (exit != 0 || !Files.isRegularFile(reportFile)) {
            System.out.println("bench-load: the run failed (exit code " + exit + "); see " + log);
            printTail(log);
            System.exit(1);
        }
        JsonNode report = Json.parse(Files.readAllBytes(reportFile));
        Jvm app = new Jvm("app JVM", run.pid(), appHeap, GcLog.read(gcLogs.resolve("app.log")), ProcessSampler.of(samples, run.pid()));
        List<Jvm> detectors = detectors(gcLogs, detectorHeap, samples);
        LoadTable table = new LoadTable(generator, photos, model, report, app, detectors, seconds, loadBefore);
        table.print(System.out);
        List<String> problems = new ArrayList<>(table.problems());
        if (Files.readString(log).contains("OutOfMemoryError")) {
            problems.add("an OutOfMemoryError is in " + log);
        }
        if (problems.isEmpty()) {
            System.out.println("  checks      every photo read and detected; no state's fds or threads grew; each heap within its -Xmx");
        } else {
            problems.forEach(problem -> System.out.println("  FAILED      " + problem));
            System.exit(1);
        }
    }

    /**
     * LOCAL (0 DKK), every photo, a detector attempt allowed a day (the run measures the pipeline on a
     * shared machine, where the default hour could stop a detector slowed by other work), and each
     * station a deployment with a position, so Camtrap DP's package is written too.
     */
    static Map<String, Object> manifest(LoadPhotos generator, Path photos, Path output) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("input_uri", photos.toString());
        manifest.put("output_uri", output.toString());
        manifest.put("budget_dkk", 1);
        manifest.put("mode", "LOCAL");
        manifest.put("max_images", generator.photos());
        manifest.put("max_job_duration", DETECTOR_ATTEMPT_SECONDS);
        manifest.put("time_zone", "+01:00");
        List<Map<String, Object>> deployments = new ArrayList<>();
        for (int s = 1; s <= generator.stations(); s++) {
            String station = LoadPhotos.station(s - 1);
            deployments.add(Map.of("deployment_id", station, "station", station,
                    "latitude", 55.0 + s / 100.0, "longitude", 12.0 + s / 100.0));
        }
        manifest.put("deployments", deployments);
        return manifest;
    }

    /** One JVM of the run: its heap limit, its GC log and its /proc samples. */
    record Jvm(String name, long pid, String xmx, GcLog gc, List<ProcessSampler.Sample> samples) {

        long xmxBytes() {
            return heapBytes(xmx);
        }
    }

    private static LoadPhotos.Written generated(LoadPhotos generator, Path cache) throws IOException {
        boolean cached = Files.isRegularFile(cache.resolve(generator.key()).resolve(LoadPhotos.SUMMARY_JSON));
        if (!cached) {
            System.out.printf(Locale.ROOT, "bench-load: generating %,d photos at %d stations under %s, the pixels %s ...%n",
                    generator.photos(), generator.stations(), cache,
                    generator.scenes() == null ? "drawn (no real photos to scale)" : "of the photos under " + generator.scenes());
        }
        return generator.cachedIn(cache);
    }

    /** The given model, or else a tiny FastestDet-shaped one (one cat a photo) so a clone without ../shared runs too. */
    private static Path model(Path given, Path work) {
        if (Files.isRegularFile(given)) {
            return given.toAbsolutePath();
        }
        System.out.println("bench-load: no model at " + given + " (../shared/data is absent?): using a tiny FastestDet-shaped model"
                + " (contract testing TinyOnnxModel), which times the pipeline, not a real detector");
        return TinyOnnxModel.fastestDetWithOneCat(work.resolve("tiny-fastestdet.onnx"), 0.9f).toAbsolutePath();
    }

    /** Every detector JVM that wrote a GC log (detector-<pid>.log), with its samples. */
    private static List<Jvm> detectors(Path gcLogs, String xmx, List<ProcessSampler.Sample> samples) throws IOException {
        Map<Long, Path> logs = new TreeMap<>();
        try (Stream<Path> files = Files.list(gcLogs)) {
            files.filter(file -> file.getFileName().toString().matches("detector-\\d+\\.log"))
                    .forEach(file -> logs.put(Long.parseLong(file.getFileName().toString().replaceAll("\\D", "")), file));
        }
        List<Jvm> detectors = new ArrayList<>();
        for (Map.Entry<Long, Path> entry : logs.entrySet()) {
            detectors.add(new Jvm("detector JVM", entry.getKey(), xmx, GcLog.read(entry.getValue()),
                    ProcessSampler.of(samples, entry.getKey())));
        }
        return detectors;
    }

    /** "1g", "512m", "2048k" or bytes, as -Xmx takes them. */
    static long heapBytes(String xmx) {
        String text = xmx.trim().toLowerCase(Locale.ROOT);
        char unit = text.charAt(text.length() - 1);
        long number = Long.parseLong(Character.isDigit(unit) ? text : text.substring(0, text.length() - 1));
        return switch (unit) {
            case 'k' -> number << 10;
            case 'm' -> number << 20;
            case 'g' -> number << 30;
            default -> number;
        };
    }

    static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : Instant.parse(node.asText());
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void printTail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(line -> System.out.println("    " + line));
    }
}
