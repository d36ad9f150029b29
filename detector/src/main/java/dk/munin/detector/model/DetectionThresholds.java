package dk.munin.detector.model;

/**
 * @param minScore     candidates scoring below this are dropped before suppression
 * @param nmsIou       boxes overlapping a better one by more than this IoU are suppressed
 */
public record DetectionThresholds(float minScore, float nmsIou) {
}
