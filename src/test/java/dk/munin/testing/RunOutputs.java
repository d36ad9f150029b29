package dk.munin.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.state.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a run wrote under its output folder, in a form two runs of one session can be compared
 * in: every file by its path, Parquet as DuckDB reads its rows back, JSON and JSON Lines parsed,
 * and the text of the rest. Only what is meant to differ between two runs of the same photos is
 * left out: clock times and durations, what was measured of this machine's speed and what it
 * cost, the execution's id, and the output folder's own path. Everything else must be equal
 * byte for byte in content.
 */
public final class RunOutputs {

    /** Meant to differ: times, durations, measured speed and cost (JSON Pointers; * is every element of an array). */
    private static final List<String> VOLATILE = List.of(
            "/generated_at", "/execution_id", "/timings", "/budget/cost_estimate/detector_limit/stop_at",
            "/cost/measured_ms_per_frame", "/cost/measured_startup_seconds_per_shard", "/cost/actual", "/cost/error",
            "/execution_history/*/entered", "/execution_history/*/exited", "/execution_history/*/duration_ms",
            "/artefacts/*/bytes", "/artefacts/*/sha256",
            "/info/detection_completion_time", "/info/detector_metadata/timing");
    /** Work a run keeps for itself while it runs, not its results: the journal, the lease, the detector's checkpoints. */
    private static final Pattern BOOKKEEPING = Pattern.compile("_work/[^/]+/(execution|lease)/.*|stage1/checkpoints/.*");

    private RunOutputs() {
    }

    /** Each result file below {@code output}, by its path there, as described above. */
    public static Map<String, String> of(Path output) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(output)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = output.relativize(file).toString();
                if (!BOOKKEEPING.matcher(name).matches()) {
                    files.put(name, comparable(file, output));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The files {@link #of} leaves out because they are a run's bookkeeping: none once a run has ended. */
    public static List<String> bookkeeping(Path output) {
        try (Stream<Path> walk = Files.walk(output)) {
            return walk.filter(Files::isRegularFile).map(file -> output.relativize(file).toString())
                    .filter(name -> BOOKKEEPING.matcher(name).matches() && !name.startsWith("stage1/checkpoints/")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String comparable(Path file, Path output) throws IOException {
        String name = file.getFileName().toString();
        String text;
        if (name.endsWith(".parquet")) {
            text = DuckDb.query("SELECT * FROM read_parquet($file)", file).stream().map(Object::toString)
                    .collect(Collectors.joining("\n"));
        } else if (name.endsWith(".json")) {
            text = Json.write(withoutVolatile(Json.parse(Files.readAllBytes(file))));
        } else if (name.endsWith(".jsonl")) {
            text = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(line -> Json.write(withoutVolatile(Json.parse(line)))).collect(Collectors.joining("\n"));
        } else {
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        return text.replace(output.toAbsolutePath().toString(), "<output>");
    }

    private static JsonNode withoutVolatile(JsonNode json) {
        for (String pointer : VOLATILE) {
            remove(json, pointer.substring(1).split("/"), 0);
        }
        return json;
    }

    private static void remove(JsonNode node, String[] path, int at) {
        if (node == null) {
            return;
        }
        if (path[at].equals("*") && node instanceof ArrayNode array) {
            array.forEach(element -> remove(element, path, at + 1));
        } else if (node instanceof ObjectNode object) {
            if (at == path.length - 1) {
                object.remove(path[at]);
            } else {
                remove(object.get(path[at]), path, at + 1);
            }
        }
    }
}
