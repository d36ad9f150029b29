package dk.munin.workflow;

import dk.munin.state.Json;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Starts a run for a manifest dropped into the watched folder or bucket prefix (route
 * start-run). The execution name comes from the manifest's name and content, so the same
 * manifest delivered twice does not start a second run.
 */
public class ManifestTrigger {

    private static final Logger LOG = LoggerFactory.getLogger(ManifestTrigger.class);
    private static final int MAX_NAME = 80;

    private final CamelContext camel;
    private EmbeddedPipeline pipeline;

    public ManifestTrigger(CamelContext camel) {
        this.camel = camel;
    }

    public synchronized String start(String manifest, String manifestName) {
        String executionName = executionName(manifestName, manifest);
        try {
            ExecutionResult result = pipeline().run(executionName, Json.parse(manifest));
            if (result.succeeded()) {
                LOG.info("Run {} for {} succeeded: {}", executionName, manifestName, result.output());
            } else {
                LOG.warn("Run {} for {} ended {}: {}: {}", executionName, manifestName, result.status(), result.error(), result.cause());
            }
            return result.status().name();
        } catch (ExecutionAlreadyExists e) {
            LOG.info("Manifest {} already started run {}; not starting it again", manifestName, executionName);
            return "DUPLICATE";
        } catch (IllegalArgumentException e) {
            LOG.warn("Manifest {} is not valid JSON: {}", manifestName, e.getMessage());
            return "REFUSED";
        }
    }

    private EmbeddedPipeline pipeline() {
        if (pipeline == null) {
            pipeline = EmbeddedPipeline.create(camel, ExecutionListener.NONE);
        }
        return pipeline;
    }

    /** Step Functions' rules: at most 80 of [A-Za-z0-9-_]. */
    static String executionName(String manifestName, String manifest) {
        String base = manifestName.replaceAll("^.*/", "").replaceFirst("\\.json$", "").replaceAll("[^A-Za-z0-9_-]", "-");
        String suffix = "-" + sha256(manifest).substring(0, 12);
        return base.substring(0, Math.min(base.length(), MAX_NAME - suffix.length())) + suffix;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
