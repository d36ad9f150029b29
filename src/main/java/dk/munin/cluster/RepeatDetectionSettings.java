package dk.munin.cluster;

import dk.munin.contract.settings.Settings;

/**
 * How repeat-detection elimination decides that a box is a static false positive
 * (application.properties, "Stage-2"). The defaults are MegaDetector's, from
 * {@code RepeatDetectionOptions} in its
 * {@code megadetector/postprocessing/repeat_detection_elimination/repeat_detections_core.py};
 * the names there are given with each parameter.
 *
 * @param iouThreshold   munin.cluster.repeat.iou ({@code iouThreshold} 0.9): two boxes at least
 *                       this IoU apart are the same place
 * @param minOccurrences munin.cluster.repeat.min-occurrences ({@code occurrenceThreshold} 20): a
 *                       place seen in at least this many distinct photos of one camera is a repeat
 * @param maxBoxFraction munin.cluster.repeat.max-box-fraction ({@code maxSuspiciousDetectionSize}
 *                       0.2): bigger boxes (a share of the image area) are not suspects, since
 *                       they are often an animal filling the frame
 * @param minConfidence  munin.cluster.repeat.min-confidence ({@code confidenceMin} 0.1): boxes below
 *                       it are neither suspects nor counted
 */
public record RepeatDetectionSettings(double iouThreshold, int minOccurrences, double maxBoxFraction, double minConfidence) {

    /** MegaDetector's own defaults, the values application.properties ships with. */
    public static final RepeatDetectionSettings MEGADETECTOR_DEFAULTS = new RepeatDetectionSettings(0.9, 20, 0.2, 0.1);

    public RepeatDetectionSettings {
        // IoU 0 would make every pair of boxes "the same place"; the search grid also needs it positive.
        if (!(iouThreshold > 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("munin.cluster.repeat.iou must be in (0, 1], not " + iouThreshold);
        }
        if (minOccurrences < 2) {
            throw new IllegalArgumentException("munin.cluster.repeat.min-occurrences must be at least 2 (one photo is no repeat), not "
                    + minOccurrences);
        }
        if (!(maxBoxFraction > 0 && maxBoxFraction <= 1)) {
            throw new IllegalArgumentException("munin.cluster.repeat.max-box-fraction must be in (0, 1], not " + maxBoxFraction);
        }
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("munin.cluster.repeat.min-confidence must be in [0, 1], not " + minConfidence);
        }
    }

    public static RepeatDetectionSettings from(Settings settings) {
        return new RepeatDetectionSettings(settings.decimal("munin.cluster.repeat.iou"),
                settings.integer("munin.cluster.repeat.min-occurrences"),
                settings.decimal("munin.cluster.repeat.max-box-fraction"),
                settings.decimal("munin.cluster.repeat.min-confidence"));
    }
}
