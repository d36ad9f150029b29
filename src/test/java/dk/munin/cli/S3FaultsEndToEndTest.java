package dk.munin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.contract.storage.S3Retries;
import dk.munin.output.report.ReportPage;
import dk.munin.contract.testing.EmbeddedS3;
import dk.munin.contract.testing.Fault;
import dk.munin.contract.testing.FaultScript;
import dk.munin.contract.testing.FaultyS3Proxy;
import dk.munin.contract.testing.TinyOnnxModel;
import dk.munin.state.Json;
import dk.munin.testing.ApplicationSettings;
import dk.munin.testing.RunOutputs;
import dk.munin.testing.TestPhotos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole workflow, {@code munin run} in a JVM of its own with photos, model and results in S3,
 * once straight against the embedded S3 server and then through a {@link FaultyS3Proxy}: the app's
 * and the detector's every request passes the proxy. With faults of every kind at a rate (a fixed
 * seed) the run ends in Success and writes what the clean run wrote, byte for byte apart from
 * times and ids meant to differ; with one object S3 keeps failing, the run fails with
 * StorageUnavailable naming it, and everything written before it is whole.
 */
class S3FaultsEndToEndTest {

    private static final long TIMEOUT_SECONDS = 300;
    private static final String BUCKET = "field-season";
    private static final String RESULTS = "results/";
    private static final String RESULTS_URI = "s3://" + BUCKET + "/" + RESULTS;
    private static final double FAULT_RATE = 0.15;
    private static final long SEED = 20261203L;
    /**
     * The read timeout the runs use, instead of 30 s, so that a held-back answer costs the test
     * seconds, not minutes; the attempts and waits are application.properties' own.
     */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    /** An answer held back, but within the read timeout: slow, not failed. */
    private static final Fault SLOW = Fault.delay(Duration.ofMillis(300));
    /** An answer held back past the read timeout: the client gives the attempt up. */
    private static final Fault SILENT = Fault.delay(READ_TIMEOUT.plusSeconds(1));

    @TempDir
    Path dir;
    private EmbeddedS3 s3;
    private FaultyS3Proxy proxy;
    private Path console;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isReadable(Path.of("detector/target/munin-detector.jar")),
                "Skipped: needs the detector jar (`make test` and `make build` build it first)");
        s3 = EmbeddedS3.start(BUCKET);
        proxy = FaultyS3Proxy.start(s3.endpoint(), FaultScript.none());
        for (int i = 0; i < 8; i++) {
            String station = i % 2 == 0 ? "StationA" : "StationB";
            put("raw/" + station + "/IMG_000" + i + ".JPG", TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 21, i * 7)).bytes());
        }
        put("raw/StationB/empty.JPG", new byte[0]);
        put("models/tiny.onnx", Files.readAllBytes(TinyOnnxModel.fastestDetWithOneCat(dir.resolve("tiny.onnx"), 0.8f)));
    }

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void faultsOfEveryKindAtARateEndInSuccessWithTheSameOutputs() throws Exception {
        Finished clean = muninRun(s3.endpoint());
        assertThat(clean.exitCode()).as(clean.console()).isZero();
        RunOutputs expected = RunOutputs.read(s3, BUCKET, RESULTS);
        assertThat(expected.objects()).containsKeys("clusters.parquet", "detections.parquet", "run_report.json",
                "stage0/images.jsonl", "stage1/detections.json", "record_table.csv", "weather/event_weather.csv");
        RunOutputs.delete(s3, BUCKET, RESULTS);
        proxy.script(oneOfEachKind().or(FaultScript.atRate(FAULT_RATE, SEED, request -> true, List.of(Fault.INTERNAL_ERROR,
                Fault.SLOW_DOWN, Fault.RESET_DURING_REQUEST, Fault.RESET_DURING_RESPONSE, Fault.TRUNCATED_BODY, SLOW, SILENT))));

        Finished faulted = muninRun(proxy.endpoint());

        assertThat(faulted.exitCode()).as(faulted.console()).isZero();
        assertThat(faulted.console()).contains("✓ Success: session");
        RunOutputs actual = RunOutputs.read(s3, BUCKET, RESULTS);
        assertThat(actual.objects().keySet()).isEqualTo(expected.objects().keySet());
        assertThat(actual.comparable(dir)).isEqualTo(expected.comparable(dir));
        assertThat(actual.artefactsNotAsWritten(RESULTS_URI)).as("the report's sizes and SHA-256s are of what was written").isEmpty();
        Map<Fault.Kind, Long> byKind = new TreeMap<>();
        proxy.injected().forEach(injected -> byKind.merge(injected.fault().kind(), 1L, Long::sum));
        assertThat(byKind.keySet()).as("faults injected (of %d requests): %s", proxy.requests().size(), byKind)
                .containsExactlyInAnyOrder(Fault.Kind.values());
        System.out.printf("S3FaultsEndToEndTest: %d requests, %d faults injected %s; clean run %d ms, faulted run %d ms%n",
                proxy.requests().size(), proxy.injected().size(), byKind, clean.millis(), faulted.millis());
    }

    /**
     * Each kind once where it matters most, whatever the rate draws: the detector's model download
     * cut short (it resumes), the upload of images.jsonl reset, its read by the detector a 500, the
     * photo listing throttled, detections.json reset while read back, the report's upload silent.
     */
    private static FaultScript oneOfEachKind() {
        return FaultScript.firstTimes("GET", "models/tiny.onnx", Fault.TRUNCATED_BODY, 1)
                .or(FaultScript.firstTimes("PUT", RESULTS + "stage0/images.jsonl", Fault.RESET_DURING_REQUEST, 1))
                .or(FaultScript.firstTimes("GET", RESULTS + "stage0/images.jsonl", Fault.INTERNAL_ERROR, 1))
                .or(FaultScript.firstTimes(request -> request.method().equals("GET") && request.key().isEmpty()
                        && request.query().contains("prefix=raw"), Fault.SLOW_DOWN, 1))
                .or(FaultScript.firstTimes("GET", RESULTS + "stage1/detections.json", Fault.RESET_DURING_RESPONSE, 1))
                .or(FaultScript.firstTimes("GET", "raw/StationA/IMG_0000.JPG", SLOW, 1))
                .or(FaultScript.firstTimes("PUT", RESULTS + "run_report.json", SILENT, 1));
    }

    @Test
    void anObjectS3KeepsFailingFailsTheRunNamingItAndWhatWasWrittenBeforeStaysWhole() throws Exception {
        Finished clean = muninRun(s3.endpoint());
        assertThat(clean.exitCode()).as(clean.console()).isZero();
        RunOutputs expected = RunOutputs.read(s3, BUCKET, RESULTS);
        RunOutputs.delete(s3, BUCKET, RESULTS);
        String parquet = RESULTS + "clusters.parquet";
        proxy.script(FaultScript.always("PUT", parquet, Fault.INTERNAL_ERROR));

        Finished failed = muninRun(proxy.endpoint());

        assertThat(failed.exitCode()).as(failed.console()).isEqualTo(MuninCli.RUN_FAILED);
        assertThat(failed.console()).contains("✗ Run failed in WriteParquet: dk.munin.contract.storage.StorageUnavailable: "
                + "Cannot write s3://" + BUCKET + "/" + parquet + ": S3 answered 500 (5 attempts)");
        int sdkAttempts = S3Retries.from(ApplicationSettings.settings()).maxAttempts();
        assertThat(proxy.attempts("PUT", parquet)).as("munin.s3.max-attempts for each of the task's attempts in the ASL")
                .isEqualTo((long) sdkAttempts * writeParquetAttempts());
        RunOutputs left = RunOutputs.read(s3, BUCKET, RESULTS);
        assertThat(left.objects()).doesNotContainKeys("clusters.parquet", "run_report.json");
        Map<String, Object> before = new TreeMap<>(expected.comparable(dir));
        before.keySet().removeAll(List.of("clusters.parquet", "run_report.json"));
        // report.html and its thumbnails come after clusters.parquet, so the failed attempt never reached them
        before.keySet().removeIf(key -> key.equals(ReportPage.FILE_NAME) || key.startsWith("report/"));
        assertThat(left.comparable(dir)).as("every output of the states before WriteParquet, whole").isEqualTo(before);
        System.out.printf("S3FaultsEndToEndTest: %d PUTs of %s, run failed in %d ms: %s%n", proxy.attempts("PUT", parquet), parquet,
                failed.millis(), failed.console().lines().filter(line -> line.startsWith("✗ Run")).findFirst().orElse(""));
    }

    /** WriteParquet's first attempt and the retries its Retry grants StorageUnavailable. */
    private static int writeParquetAttempts() throws Exception {
        JsonNode definition = Json.parse(Files.readAllBytes(Path.of("cloudformation/statemachine/pipeline.asl.json")));
        for (JsonNode retrier : definition.at("/States/WriteParquet/Retry")) {
            for (JsonNode error : retrier.path("ErrorEquals")) {
                if (error.asText().equals("dk.munin.contract.storage.StorageUnavailable")) {
                    return 1 + retrier.path("MaxAttempts").asInt();
                }
            }
        }
        throw new AssertionError("WriteParquet has no Retry for StorageUnavailable");
    }

    private record Finished(int exitCode, String console, long millis) {
    }

    /** {@code munin run} in its own JVM, from the project root, on this test's class path, with S3 at {@code endpoint}. */
    private Finished muninRun(String endpoint) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dmunin.weather.providers=none",
                "-D" + S3Retries.READ_TIMEOUT_MS + "=" + READ_TIMEOUT.toMillis()));
        Properties camel = s3.camelProperties();
        camel.setProperty("camel.component.aws2-s3.uri-endpoint-override", endpoint);
        camel.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add(MuninCli.class.getName());
        command.addAll(List.of("run", "--input", "s3://" + BUCKET + "/raw/", "--output", RESULTS_URI,
                "--budget-dkk", "5", "--model", "s3://" + BUCKET + "/models/tiny.onnx"));
        console = Files.createTempFile(dir, "console", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("MUNIN_") || name.startsWith("AWS_") || name.startsWith("CAMEL_"));
        long started = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("munin run did not finish within " + TIMEOUT_SECONDS + " s:\n" + Files.readString(console));
        }
        return new Finished(process.exitValue(), Files.readString(console, StandardCharsets.UTF_8),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private void put(String key, byte[] content) {
        s3.blobs().putBlob(PutObjectRequest.builder().bucket(BUCKET).key(key).build(), new ByteArrayInputStream(content));
    }
}
