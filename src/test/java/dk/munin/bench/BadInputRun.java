package dk.munin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.contract.megadetector.MegaDetectorRules;
import dk.munin.contract.photos.PhotoList;
import dk.munin.contract.settings.Settings;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.contract.storage.Location;
import dk.munin.exif.PhotoInventory;
import dk.munin.exif.Stage0Settings;
import dk.munin.stage.stage0exif.Stage0Exif;
import dk.munin.state.Json;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Damaged photos through Stage-0 and the detector as a run meets them: Stage-0 in this process
 * (PhotoInventory, the shipped settings, its heap measured by {@link HeapMeter}), then the
 * detector jar as its own process the way local-process mode starts it, under a heap cap, its
 * peak heap read from its GC log. Every photo must come out read, or failed with a reason;
 * "unhandled" counts what escaped: a stage that threw, a detector process that failed, a photo
 * whose failure is the detector's safety net for decoder bugs, a photo missing from an output.
 */
final class BadInputRun {

    /** The detector's safety net for an exception its decoder was not written to expect (PhotoPreparer.UNEXPECTED). */
    static final String UNEXPECTED = "image access failure: unexpected decoder error";
    private static final Pattern GC_PAUSE = Pattern.compile("Pause.* (\\d+)([KMG])->(\\d+)([KMG])\\(\\d+[KMG]\\)");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final int REASON_LENGTH = 90;
    private static final long DETECTOR_TIMEOUT_MINUTES = 60;

    private BadInputRun() {
    }

    /**
     * What one stage made of the photos.
     *
     * @param read          photos read (Stage-0: metadata; the detector: detections, possibly none)
     * @param flagged       of those, read with warnings (Stage-0) or flagged truncated (the detector)
     * @param failed        failed photos by reason, numbers and hex replaced so that alike reasons group
     * @param warnings      Stage-0's photos read with warnings, by their first warning, grouped alike; empty for the detector
     * @param unhandled     what escaped, each with the photo or the stage it came from
     * @param peakHeapBytes the most heap in use (Stage-0: sampled; the detector: before a collection)
     * @param afterGcBytes  the most heap in use just after a collection
     */
    record Tally(int photos, int read, int flagged, Map<String, Integer> failed, Map<String, Integer> warnings, List<String> unhandled,
                 double seconds, long peakHeapBytes, long afterGcBytes, int collections) {

        int failedCount() {
            return failed.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Stage-0 over every photo below {@code photos}, writing {@code output}/stage0/images.jsonl. */
    static Tally stage0(Path photos, Path output, int photoCount) {
        Stage0Settings settings = Stage0Settings.from(Settings.layered(List.of(applicationProperties()), new Properties(), Map.of()));
        Stage0Exif stage = Stage0Exif.of(new LocalFileStore(), settings, Clock.systemUTC());
        List<String> unhandled = new ArrayList<>();
        HeapMeter meter = HeapMeter.start();
        long started = System.nanoTime();
        try {
            stage.read(Location.of(photos).uri(), Location.of(output).uri(), photoCount, null, null);
        } catch (RuntimeException | Error escaped) {
            unhandled.add("Stage-0 threw " + escaped);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        HeapMeter.Reading heap = meter.stop();
        int read = 0;
        int warned = 0;
        Map<String, Integer> failed = new TreeMap<>();
        Map<String, Integer> warnings = new TreeMap<>();
        List<JsonNode> lines = imagesJsonl(output);
        for (JsonNode line : lines) {
            if (line.path("error").isTextual()) {
                failed.merge(grouped(line.get("error").asText()), 1, Integer::sum);
            } else {
                read++;
                if (!line.path("warnings").isEmpty()) {
                    warned++;
                    warnings.merge(grouped(line.get("warnings").get(0).asText()), 1, Integer::sum);
                }
            }
        }
        if (lines.size() != photoCount) {
            unhandled.add("images.jsonl has " + lines.size() + " lines for " + photoCount + " photos");
        }
        return new Tally(photoCount, read, warned, failed, warnings, unhandled, seconds, heap.sampledPeakBytes(), heap.mostAfterGcBytes(),
                (int) heap.totalCount());
    }

    /**
     * The detector jar over Stage-0's photo list, as its own JVM: {@code java -Xmx<heap> -jar <jar>}
     * with the container's environment, FastestDet or another model, its defaults for the rest.
     */
    static Tally detector(Path jar, Path model, Path output, String heap) throws IOException, InterruptedException {
        Path imagesJsonl = output.resolve(Stage0Exif.IMAGES_JSONL);
        List<String> files = PhotoList.parse(Files.readAllBytes(imagesJsonl), imagesJsonl.toString()).stream()
                .map(entry -> entry.file()).toList();
        Path gcLog = output.resolve("detector-gc.log");
        Path console = output.resolve("detector-console.txt");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-Xlog:gc:file=" + gcLog, "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(console.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("DETECTOR_") || name.startsWith("AWS_"));
        env.put("INPUT_URI", imagesJsonl.toString());
        env.put("OUTPUT_URI", output.resolve("stage1").toString());
        env.put("DETECTOR_MODEL", model.toString());
        long started = System.nanoTime();
        Process process = builder.start();
        List<String> unhandled = new ArrayList<>();
        if (!process.waitFor(DETECTOR_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            unhandled.add("the detector did not finish within " + DETECTOR_TIMEOUT_MINUTES + " minutes");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (process.exitValue() != 0) {
            unhandled.add("the detector exited " + process.exitValue() + ": " + lastLines(console));
        }
        Path detections = output.resolve("stage1/detections.json");
        JsonNode file = Files.exists(detections) ? Json.MAPPER.readTree(detections.toFile()) : Json.object();
        int read = 0;
        int truncated = 0;
        Map<String, Integer> failed = new TreeMap<>();
        for (JsonNode image : file.path("images")) {
            String failure = image.path("failure").asText(null);
            if (failure == null) {
                read++;
                truncated += image.has("truncated") ? 1 : 0;
            } else if (failure.startsWith(UNEXPECTED)) {
                unhandled.add(image.get("file").asText() + ": " + failure);
            } else {
                failed.merge(grouped(failure), 1, Integer::sum);
            }
        }
        if (file.has("images")) {
            MegaDetectorRules.check(file, files, file.at("/info/detector_metadata/output_confidence_threshold").asDouble())
                    .forEach(broken -> unhandled.add("detections.json: " + broken));
        }
        long[] gc = gcPeaks(gcLog);
        return new Tally(files.size(), read, truncated, failed, Map.of(), unhandled, seconds, gc[0], gc[1], (int) gc[2]);
    }

    /** A reason with its figures and hex replaced, cut short, so that alike reasons are counted together. */
    static String grouped(String reason) {
        String general = HEX.matcher(NUMBER.matcher(HEX.matcher(reason).replaceAll("(hex)")).replaceAll("N")).replaceAll("(hex)");
        return general.length() > REASON_LENGTH ? general.substring(0, REASON_LENGTH) + "…" : general;
    }

    /** {most heap before a collection, most after one, collections} from a -Xlog:gc file. */
    private static long[] gcPeaks(Path gcLog) throws IOException {
        long before = 0;
        long after = 0;
        long pauses = 0;
        if (Files.exists(gcLog)) {
            for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
                Matcher pause = GC_PAUSE.matcher(line);
                if (pause.find()) {
                    before = Math.max(before, bytes(pause.group(1), pause.group(2)));
                    after = Math.max(after, bytes(pause.group(3), pause.group(4)));
                    pauses++;
                }
            }
        }
        return new long[] {before, after, pauses};
    }

    private static long bytes(String amount, String unit) {
        int shift = switch (unit) {
            case "K" -> 10;
            case "M" -> 20;
            default -> 30;
        };
        return Long.parseLong(amount) << shift;
    }

    private static List<JsonNode> imagesJsonl(Path output) {
        Path file = output.resolve(Stage0Exif.IMAGES_JSONL);
        List<JsonNode> lines = new ArrayList<>();
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        lines.add(Json.parse(line));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private static String lastLines(Path console) throws IOException {
        List<String> lines = Files.exists(console) ? Files.readAllLines(console, StandardCharsets.UTF_8) : List.of();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    private static Properties applicationProperties() {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("bench-badinput runs in the project's root, beside application.properties", e);
        }
        return properties;
    }
}
