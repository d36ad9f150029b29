package dk.munin.trigger;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the trigger route looks for manifests, told the way a person acts on it: the folder or
 * S3 prefix, how to drop a manifest there, and where a manifest goes once it started or failed.
 * Read from the consumer's endpoint URI (munin.trigger.uri as Camel resolved it), so what the
 * log says is what the route does.
 */
public record WatchedPlace(String where, String howToDrop, String started, String failed) {

    private static final String FILE = "file";
    private static final String S3 = "aws2-s3";

    /** @param endpointUri e.g. {@code file://manifests?move=.started&moveFailed=.failed} or {@code aws2-s3://bucket?prefix=manifests/} */
    public static WatchedPlace of(String endpointUri) {
        int colon = endpointUri.indexOf(':');
        String scheme = colon < 0 ? "" : endpointUri.substring(0, colon);
        String rest = endpointUri.substring(colon + 1).replaceFirst("^//", "");
        int question = rest.indexOf('?');
        String path = question < 0 ? rest : rest.substring(0, question);
        Map<String, String> options = options(question < 0 ? "" : rest.substring(question + 1));
        return switch (scheme) {
            case FILE -> folder(Path.of(path).toAbsolutePath().normalize(), options);
            case S3 -> prefix(path, options);
            default -> new WatchedPlace(endpointUri, "put a manifest there", "wherever the endpoint moves it",
                    "wherever the endpoint leaves it");
        };
    }

    /** The file consumer: started ones go to {@code move}, failed ones to {@code moveFailed}, both below the folder. */
    private static WatchedPlace folder(Path folder, Map<String, String> options) {
        String started = options.containsKey("move") ? folder.resolve(options.get("move")) + "/"
                : "true".equals(options.get("delete")) ? "deleted" : folder.resolve(".camel") + "/";
        String failed = options.containsKey("moveFailed") ? folder.resolve(options.get("moveFailed")) + "/"
                : "left in " + folder + "/";
        return new WatchedPlace("folder " + folder + "/", "cp my-run.json " + folder + "/", started, failed);
    }

    /** The S3 consumer: deletes what it read, or moves it to another bucket/prefix; the route moves a failed one to failed/ (FailedManifests). */
    private static WatchedPlace prefix(String bucket, Map<String, String> options) {
        String prefix = "s3://" + bucket + "/" + options.getOrDefault("prefix", "");
        boolean deletes = !"false".equals(options.get("deleteAfterRead"));
        String started;
        if ("true".equals(options.get("moveAfterRead"))) {
            // the consumer's move is a copy, then its delete: without deleteAfterRead the manifest stays and is read at every poll
            String destination = "s3://" + options.getOrDefault("destinationBucket", bucket) + "/"
                    + options.getOrDefault("destinationBucketPrefix", "");
            started = deletes ? destination : "copied to " + destination + " and left in " + prefix + " (read again at every poll)";
        } else {
            started = deletes ? "deleted from " + prefix : "left in " + prefix;
        }
        return new WatchedPlace(prefix, "aws s3 cp my-run.json " + prefix, started,
                "s3://" + bucket + "/" + FailedManifests.FAILED_PREFIX + options.getOrDefault("prefix", "") + " with their error files");
    }

    private static Map<String, String> options(String query) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                options.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
            }
        }
        return options;
    }

    /** Camel percent-encodes option values in endpoint URIs; a plus is a plus there, not a space. */
    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The line the route logs once it watches: where, how to start a run, where manifests go. */
    public String readyLine() {
        return "Watching " + where + " for manifests: to start a run, drop one there (" + howToDrop
                + "; the format is in docs/manifest.md). Started manifests go to " + started + ", unreadable ones to " + failed;
    }
}
