package dk.munin.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.state.Json;
import dk.munin.workflow.ExecutionResult;
import dk.munin.workflow.camel.EmbeddedPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Starts a run for a manifest dropped into the watched folder or bucket prefix (route
 * start-run). The execution name comes from the manifest's name and content, so the same
 * manifest delivered twice does not start a second run while the first is running or after it
 * succeeded; dropped again after its run failed (the budget raised, a photo folder fixed
 * elsewhere), it starts again, as {@code <name>-2}, {@code <name>-3}, ...
 */
public class ManifestTrigger {

    private static final Logger LOG = LoggerFactory.getLogger(ManifestTrigger.class);
    private static final int MAX_NAME = 80;

    private final Supplier<EmbeddedPipeline> pipeline;
    /** The last run of each manifest's name, and whether it failed. */
    private final Map<String, Attempt> attempts = new HashMap<>();

    private record Attempt(int number, boolean failed) {
    }

    /** @param pipeline made on the first manifest: functions that never watch manifests never read the definition */
    public ManifestTrigger(Supplier<EmbeddedPipeline> pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * @return the run's status, or DUPLICATE when the manifest has a run already
     * @throws UnreadableManifest when the file is not JSON, so the route moves it to .failed/
     */
    public synchronized String start(String manifest, String manifestName) {
        JsonNode json;
        try {
            json = Json.parse(manifest);
        } catch (IllegalArgumentException e) {
            throw new UnreadableManifest("Manifest " + manifestName + ": " + e.getMessage());
        }
        // An empty file parses to no value: a copy caught half-written, or a mistake; not a run.
        if (json == null || !json.isObject()) {
            throw new UnreadableManifest("Manifest " + manifestName + ": " + (manifest.isBlank() ? "the file is empty"
                    : "it must be one JSON object, not " + json.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        String baseName = executionName(manifestName, manifest);
        Attempt previous = attempts.get(baseName);
        if (previous != null && !previous.failed()) {
            LOG.info("Manifest {} already started run {}; not starting it again", manifestName, named(baseName, previous.number()));
            return "DUPLICATE";
        }
        int number = previous == null ? 1 : previous.number() + 1;
        String executionName = named(baseName, number);
        attempts.put(baseName, new Attempt(number, false));
        LOG.info("Manifest {}: starting run {}", manifestName, executionName);
        ExecutionResult result = pipeline.get().run(executionName, json);
        attempts.put(baseName, new Attempt(number, !result.succeeded()));
        if (result.succeeded()) {
            LOG.info("Run {} for {} succeeded; its report: {}", executionName, manifestName,
                    result.output().path("final_results").path("report_uri").asText(result.output().toString()));
        } else {
            LOG.warn("Run {} for {} ended {}: {}: {} (drop the manifest again to retry)", executionName, manifestName,
                    result.status(), result.error(), result.causeMessage());
        }
        return result.status().name();
    }

    private static String named(String baseName, int attempt) {
        return attempt == 1 ? baseName : baseName + "-" + attempt;
    }

    /** Step Functions' rules: at most 80 of [A-Za-z0-9-_], with room for a retry's suffix. */
    public static String executionName(String manifestName, String manifest) {
        String base = manifestName.replaceAll("^.*/", "").replaceFirst("\\.json$", "").replaceAll("[^A-Za-z0-9_-]", "-");
        String suffix = "-" + sha256(manifest).substring(0, 12);
        return base.substring(0, Math.min(base.length(), MAX_NAME - suffix.length() - 3)) + suffix;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
