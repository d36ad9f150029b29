package dk.munin.testing;

import dk.munin.output.report.ReportPage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.contract.testing.EmbeddedS3;
import dk.munin.state.Json;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Every object a run wrote below its output folder or prefix (read from the folder, or straight
 * from the embedded server's store), and each in a form two runs can be compared in: Parquet as
 * the rows DuckDB reads, JSON and JSON Lines without the fields that are meant to differ between
 * runs (when they ran, how long each part took, the execution's id, what that time cost), CSV as
 * its text; the output folder's own path, where two runs had two, as {@code <output>}. A run's
 * bookkeeping (its journal and lease, the detector's checkpoints) is not among its outputs.
 *
 * @param objects  each object's bytes by its key below the folder or prefix
 * @param location the output folder's path as the outputs name it, replaced in the comparable forms; null for none
 */
public record RunOutputs(Map<String, byte[]> objects, String location) {

    /** Work a run keeps for itself while it runs, not its results. */
    private static final Pattern BOOKKEEPING = Pattern.compile("_work/[^/]+/(execution|lease)/.*|stage1/checkpoints/.*");

    /** Fields meant to differ between two runs of one session, as JSON pointers ({@code *}: every array element), per file. */
    private static final Map<String, List<String>> MEANT_TO_DIFFER = Map.of(
            "stage1/detections.json", List.of("/info/detection_completion_time", "/info/detector_metadata/timing"),
            "run_report.json", List.of("/generated_at", "/execution_id", "/budget/cost_estimate/detector_limit/stop_at",
                    "/cost/measured_ms_per_frame", "/cost/measured_startup_seconds_per_shard", "/cost/actual",
                    "/cost/estimate_error_percent", "/execution_history/*/entered", "/execution_history/*/exited",
                    "/execution_history/*/duration_ms", "/timings",
                    // the checksums of files that hold times; each is checked against what was written instead
                    "/artefacts/*/bytes", "/artefacts/*/sha256"));

    /** report.html's section of the run's times and costs (docs/report-html.md), which holds no other section. */
    private static final Pattern GLANCE = Pattern.compile("<section id=\"glance\">.*?</section>", Pattern.DOTALL);

    public static RunOutputs read(EmbeddedS3 s3, String bucket, String prefix) {
        Map<String, byte[]> objects = new TreeMap<>();
        for (S3Object object : s3.blobs().list(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build()).contents()) {
            String key = object.key().substring(prefix.length());
            if (BOOKKEEPING.matcher(key).matches()) {
                continue;
            }
            try (ResponseInputStream<GetObjectResponse> in = s3.blobs().getBlob(bucket, object.key())) {
                objects.put(key, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new RunOutputs(objects, null);
    }

    /**
     * What a run wrote below an S3 prefix, that prefix written {@code <output>} wherever an output
     * names it, so runs into two prefixes compare.
     */
    public static RunOutputs readRenamed(EmbeddedS3 s3, String bucket, String prefix) {
        Map<String, byte[]> objects = new TreeMap<>();
        read(s3, bucket, prefix).objects().forEach((key, bytes) -> objects.put(key, new String(bytes, StandardCharsets.ISO_8859_1)
                .replace("/" + prefix, "/<output>/").getBytes(StandardCharsets.ISO_8859_1)));
        return new RunOutputs(objects, null);
    }

    /**
     * The results in comparable form without what the way Stage-0 was run changes: its work files
     * (a Distributed Map's shards and result files), and the report's list of states and its
     * pricing (a run read in batches is priced with the Map's invocations and transitions).
     */
    public Map<String, Object> comparableResults(Path scratch) {
        Map<String, Object> forms = comparable(scratch);
        forms.keySet().removeIf(key -> key.startsWith("_work/"));
        forms.computeIfPresent("run_report.json", (key, report) -> {
            ObjectNode json = (ObjectNode) Json.parse((String) report);
            json.remove(List.of("execution_history", "budget", "cost"));
            return Json.write(json);
        });
        return forms;
    }

    /** The states in the run report's execution history, in order. */
    public List<String> states() {
        List<String> names = new ArrayList<>();
        Json.parse(objects.get("run_report.json")).path("execution_history").forEach(entry -> names.add(entry.path("state").asText()));
        return names;
    }

    /** What a run wrote below a local output folder. */
    public static RunOutputs read(Path output) {
        Map<String, byte[]> objects = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(output)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String key = output.relativize(file).toString();
                if (!BOOKKEEPING.matcher(key).matches()) {
                    objects.put(key, Files.readAllBytes(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RunOutputs(objects, output.toAbsolutePath().toString());
    }

    /** The journal and lease files left below a local output folder: none once a run of the session has ended. */
    public static List<String> bookkeeping(Path output) {
        try (Stream<Path> walk = Files.walk(output)) {
            return walk.filter(Files::isRegularFile).map(file -> output.relativize(file).toString())
                    .filter(key -> BOOKKEEPING.matcher(key).matches() && !key.startsWith("stage1/checkpoints/")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes what {@link #read} found, so that the next run of the session starts from nothing. */
    public static void delete(EmbeddedS3 s3, String bucket, String prefix) {
        for (S3Object object : s3.blobs().list(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build()).contents()) {
            s3.blobs().removeBlob(bucket, object.key());
        }
    }

    /** Each object's comparable form, by its key below the prefix. */
    public Map<String, Object> comparable(Path scratch) {
        Map<String, Object> forms = new TreeMap<>();
        objects.forEach((key, bytes) -> forms.put(key, withoutLocation(comparable(key, bytes, scratch))));
        return forms;
    }

    private Object withoutLocation(Object form) {
        if (location == null) {
            return form;
        }
        return form instanceof List<?> lines ? lines.stream().map(line -> ((String) line).replace(location, "<output>")).toList()
                : ((String) form).replace(location, "<output>");
    }

    private static Object comparable(String key, byte[] bytes, Path scratch) {
        if (key.endsWith(".parquet")) {
            try {
                Path file = Files.write(Files.createTempFile(scratch, "output-", ".parquet"), bytes);
                return DuckDb.query("SELECT * FROM read_parquet($file)", file).toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (key.equals(ReportPage.FILE_NAME)) {
            // the page's glance section shows when the run ran, how long each state took and what that cost
            return GLANCE.matcher(text).replaceAll("<section id=\"glance\">(meant to differ)</section>");
        }
        List<String> differ = MEANT_TO_DIFFER.getOrDefault(key, List.of());
        if (key.endsWith(".json")) {
            return Json.write(without(Json.parse(bytes), differ));
        }
        if (key.endsWith(".jsonl")) {
            return Arrays.stream(text.split("\n")).map(line -> Json.write(without(Json.parse(line), differ))).toList();
        }
        return text;
    }

    private static JsonNode without(JsonNode json, List<String> pointers) {
        for (String pointer : pointers) {
            remove(json, pointer.substring(1).split("/"), 0);
        }
        return json;
    }

    private static void remove(JsonNode node, String[] steps, int at) {
        String step = steps[at];
        boolean last = at == steps.length - 1;
        if (node instanceof ArrayNode array && step.equals("*")) {
            array.forEach(element -> {
                if (!last) {
                    remove(element, steps, at + 1);
                }
            });
        } else if (node instanceof ObjectNode object) {
            if (last) {
                object.remove(step);
            } else if (object.has(step)) {
                remove(object.get(step), steps, at + 1);
            }
        }
    }

    /** The report's artefacts whose bytes or SHA-256 are not those of the object that run wrote at their uri. */
    public List<String> artefactsNotAsWritten(String bucketPrefixUri) {
        JsonNode report = Json.parse(objects.get("run_report.json"));
        return StreamSupport.stream(report.path("artefacts").spliterator(), false)
                .filter(artefact -> {
                    byte[] written = objects.get(artefact.path("uri").asText().substring(bucketPrefixUri.length()));
                    return written == null || written.length != artefact.path("bytes").asLong()
                            || !sha256(written).equals(artefact.path("sha256").asText());
                })
                .map(artefact -> artefact.path("uri").asText())
                .toList();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
