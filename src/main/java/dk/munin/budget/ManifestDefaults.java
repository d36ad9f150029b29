package dk.munin.budget;

/** What a manifest gets when it leaves a field out, and the limits it may ask for. */
public record ManifestDefaults(
        boolean useSpot,
        int maxImages,
        int maxJobDuration,
        int weatherDaysBack,
        int maxImagesLimit,
        int minJobDuration,
        int maxJobDurationLimit) {
}
