package dk.munin.detect;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How SubmitBatchStage1 runs outside Step Functions: {@code munin.detect.mode}. */
public enum DetectionMode {

    /** The detector jar as separate processes on this machine, with the container's contract. */
    LOCAL_PROCESS("local-process"),
    /** A real AWS Batch job: SubmitJob, DescribeJobs until it ends, TerminateJob on cancel. */
    AWS_BATCH("aws-batch"),
    /** No detector: a MegaDetector batch output file made elsewhere becomes detections.json. */
    PRECOMPUTED("precomputed");

    private final String setting;

    DetectionMode(String setting) {
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }

    public static DetectionMode parse(String value) {
        String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (DetectionMode mode : values()) {
            if (mode.setting.equals(wanted)) {
                return mode;
            }
        }
        throw new DetectorNotConfigured("munin.detect.mode '" + value + "' is not a detection mode; use one of "
                + Arrays.stream(values()).map(DetectionMode::setting).collect(Collectors.joining(", ")));
    }
}
