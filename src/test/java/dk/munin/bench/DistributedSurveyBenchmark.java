package dk.munin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.cli.InProcessMunin;
import dk.munin.contract.testing.EmbeddedS3;
import dk.munin.state.Json;
import dk.munin.testing.RunOutputs;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Issue 13's survey: generated photos ({@link LoadPhotos}: views of real camera-trap scenes at
 * stations, with bursts, so the detector finds boxes and Stage-2 events) in the embedded S3 server, run twice through the real ASL
 * embedded (the app's camel-aws2-s3 client, the detector process on FastestDet): once read by one
 * Stage0Exif invocation, once by the Distributed Map (ReadPhotoBatches, MergePhotoBatches). Prints
 * each state's time for both, the app JVM's heap, and whether every output is equal
 * ({@link RunOutputs#comparableResults}: Parquet row by row through DuckDB, the rest as text).
 *
 * <p>Usage: {@code DistributedSurveyBenchmark photos stations scenes-folder cache-folder model [photos per batch] [batches at once]
 * [survey.json]}; the last, when given, receives each state's seconds per photo on the Distributed Map path and the
 * heap, for {@link ScaleModel}.
 */
public final class DistributedSurveyBenchmark {

    private static final String BUCKET = "survey";

    private DistributedSurveyBenchmark() {
    }

    /** One run: its wall time, each state's seconds and the JVM's heap while it ran. */
    record Run(double seconds, Map<String, Double> states, HeapMeter.Reading heap, RunOutputs outputs) {
    }

    public static void main(String[] args) throws Exception {
        LoadPhotos generator = LoadPhotos.of(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Path.of(args[2]));
        Path cache = Path.of(args[3]);
        Path model = Path.of(args[4]);
        int perBatch = args.length > 5 ? Integer.parseInt(args[5]) : 1_000;
        int atOnce = args.length > 6 ? Integer.parseInt(args[6]) : 8;
        Path scratch = Files.createTempDirectory("munin-survey-");
        LoadPhotos.Written photos = generator.cachedIn(cache);
        try (EmbeddedS3 s3 = EmbeddedS3.start(BUCKET)) {
            long started = System.nanoTime();
            int put = upload(s3, photos.folder());
            // The server holds the photos in this JVM's heap (its on-disk store lists 100,000 keys too slowly to
            // be S3): what a run holds is what is live above this.
            long server = liveHeap();
            System.out.printf(Locale.ROOT, "Distributed survey benchmark: %,d photos (%s) put in S3 in %.1f s; batches of %,d, %d at once%n",
                    put, generator.key(), (System.nanoTime() - started) / 1e9, perBatch, atOnce);
            Run whole = run(s3, model, "whole", Integer.MAX_VALUE, perBatch, atOnce);
            Run batched = run(s3, model, "batched", 1, perBatch, atOnce);
            print(whole, batched, server);
            boolean equal = whole.outputs().comparableResults(scratch).equals(batched.outputs().comparableResults(scratch));
            System.out.printf(Locale.ROOT, "  outputs of the two paths (%d files, Parquet row by row): %s%n",
                    whole.outputs().comparableResults(scratch).size(), equal ? "EQUAL" : "DIFFERENT");
            if (!equal) {
                throw new IllegalStateException("the Distributed Map path's outputs differ from the single invocation's");
            }
            if (args.length > 7) {
                write(Path.of(args[7]), put, batched, server);
            }
        }
    }

    private static void write(Path file, int photos, Run batched, long server) throws IOException {
        Map<String, Double> perPhoto = new LinkedHashMap<>();
        batched.states().forEach((state, seconds) -> perPhoto.put(state, seconds / photos));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Json.writePretty(Map.of("photos", photos, "seconds_per_photo", perPhoto, "seconds", batched.seconds(),
                "live_after_gc_above_server_bytes", batched.heap().mostAfterGcBytes() - server)));
    }

    private static int upload(EmbeddedS3 s3, Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            String key = "photos/" + folder.relativize(file).toString().replace('\\', '/');
            try (InputStream in = Files.newInputStream(file)) {
                s3.blobs().putBlob(PutObjectRequest.builder().bucket(BUCKET).key(key).build(), in);
            }
        }
        return files.size();
    }

    private static Run run(EmbeddedS3 s3, Path model, String output, int batchesFromPhotos, int perBatch, int atOnce) throws Exception {
        Properties settings = s3.camelProperties();
        settings.setProperty("munin.weather.providers", "none");
        settings.setProperty("munin.stage0.batches.from-photos", String.valueOf(batchesFromPhotos));
        settings.setProperty("munin.stage0.batches.photos-per-batch", String.valueOf(perBatch));
        settings.setProperty("munin.stage0.batches.max-concurrency", String.valueOf(atOnce));
        String prefix = "results/" + output + "/";
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        HeapMeter heap = HeapMeter.start();
        long started = System.nanoTime();
        int exit;
        try (PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            exit = InProcessMunin.execute(out, settings, "run",
                    "--input", "s3://" + BUCKET + "/photos/",
                    "--output", "s3://" + BUCKET + "/" + prefix, "--session-id", "survey",
                    "--budget-dkk", "1000", "--max-images", "1000000", "--model", model.toString());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        HeapMeter.Reading reading = heap.stop();
        if (exit != 0) {
            throw new IllegalStateException("munin run (" + output + ") exited " + exit + ":\n" + console.toString(StandardCharsets.UTF_8));
        }
        RunOutputs outputs = RunOutputs.readRenamed(s3, BUCKET, prefix);
        Map<String, Double> states = new LinkedHashMap<>();
        JsonNode history = Json.parse(outputs.objects().get("run_report.json")).path("execution_history");
        history.forEach(entry -> states.merge(entry.path("state").asText(), entry.path("duration_ms").asDouble() / 1000, Double::sum));
        return new Run(seconds, states, reading, outputs);
    }

    private static long liveHeap() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static void print(Run whole, Run batched, long server) {
        System.out.printf(Locale.ROOT, "  %-22s %14s %14s%n", "state (s)", "one invocation", "batches");
        Map<String, Double> names = new LinkedHashMap<>(whole.states());
        batched.states().forEach(names::putIfAbsent);
        names.keySet().stream().filter(name -> Math.max(whole.states().getOrDefault(name, 0.0), batched.states().getOrDefault(name, 0.0)) >= 0.05)
                .forEach(name -> System.out.printf(Locale.ROOT, "  %-22s %14s %14s%n", name, cell(whole.states().get(name)),
                        cell(batched.states().get(name))));
        System.out.printf(Locale.ROOT, "  %-22s %14.1f %14.1f%n", "the whole run", whole.seconds(), batched.seconds());
        System.out.printf(Locale.ROOT, "  live heap after a collection, above the S3 server's %.0f MiB (at most what the run held):%n",
                mib(server));
        System.out.printf(Locale.ROOT, "  %-22s %14.0f %14.0f%n", "MiB", mib(whole.heap().mostAfterGcBytes() - server),
                mib(batched.heap().mostAfterGcBytes() - server));
    }

    private static String cell(Double seconds) {
        return Objects.isNull(seconds) ? "-" : String.format(Locale.ROOT, "%.1f", seconds);
    }

    private static double mib(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }
}
