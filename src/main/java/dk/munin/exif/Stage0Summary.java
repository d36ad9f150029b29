package dk.munin.exif;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.Map;
import java.util.TreeMap;

/** Stage-0's counts for the run state's {@code stage0} section (and so the run report). */
final class Stage0Summary {

    private int listed;
    private int failed;
    private int withIssues;
    private int withWarnings;
    private int inDeployments;
    private long bytesRead;
    private final Map<String, Integer> issues = new TreeMap<>();
    private final Map<String, Integer> timeSources = new TreeMap<>();

    void add(PhotoRecord photo) {
        listed++;
        bytesRead += photo.bytesRead();
        if (photo.failed()) {
            failed++;
        }
        if (photo.hasIssues()) {
            withIssues++;
        }
        if (!photo.warnings().isEmpty()) {
            withWarnings++;
        }
        if (photo.deploymentId() != null) {
            inDeployments++;
        }
        photo.issues().forEach(issue -> issues.merge(issue, 1, Integer::sum));
        timeSources.merge(photo.timeSource(), 1, Integer::sum);
    }

    /** Built with the node factory alone: no ObjectMapper needs to start for `munin stage0`. */
    ObjectNode toJson(DeploymentTable deployments) {
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        summary.put("format_version", PhotoRecord.FORMAT_VERSION);
        summary.put("photos_listed", listed);
        summary.put("photos_read", listed - failed);
        summary.put("photos_failed", failed);
        summary.put("bytes_read", bytesRead);
        summary.put("photos_with_issues", withIssues);
        summary.put("photos_with_warnings", withWarnings);
        summary.put("deployments", deployments.deployments().size());
        summary.put("photos_in_deployments", inDeployments);
        ObjectNode issueCounts = summary.putObject("issues");
        issues.forEach(issueCounts::put);
        ObjectNode timeSourceCounts = summary.putObject("time_sources");
        timeSources.forEach(timeSourceCounts::put);
        return summary;
    }
}
