package dk.munin.cluster;

/**
 * A box that repeat-detection elimination believes is a static false positive (a rock, a
 * branch, a timestamp overlay), and why.
 *
 * @param box    the flagged box, as it was given
 * @param boxes  how many boxes share its place (the size of its cluster)
 * @param photos in how many distinct photos of the camera they occur
 * @param reason for people and logs, e.g. "repeat: 23 boxes at IoU >= 0.9 in 23 photos of camera X"
 */
public record RepeatFlag(CameraBox box, int boxes, int photos, String reason) {
}
