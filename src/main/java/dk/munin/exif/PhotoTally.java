package dk.munin.exif;

import dk.munin.manifest.DeploymentTable;
import dk.munin.state.PhotoCounts;

import java.util.Map;
import java.util.TreeMap;

/** Stage-0's counts as the photos go by: the run state's {@code stage0_exif} section (and so the run report). */
final class PhotoTally {

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

    /** Lines so far. */
    int listed() {
        return listed;
    }

    /** @param imagesUri where images.jsonl was written */
    PhotoCounts counts(String imagesUri, DeploymentTable deployments) {
        return new PhotoCounts(imagesUri, PhotoRecord.FORMAT_VERSION, listed, listed - failed, failed, bytesRead, withIssues,
                withWarnings, deployments.deployments().size(), inDeployments, new TreeMap<>(issues), new TreeMap<>(timeSources));
    }
}
