package dk.munin.detector;

/**
 * A photo ready for the model, or the reason it is not.
 *
 * @param entry         the photo-list line it came from
 * @param modelInput    the model input tensor, or null when {@code accessFailure} is set
 * @param width         the displayed photo's width in pixels
 * @param height        the displayed photo's height in pixels
 * @param accessFailure why the photo could not be read or decoded, or null
 */
record PreparedPhoto(PhotoListEntry entry, float[] modelInput, int width, int height, String accessFailure) {

    static PreparedPhoto ready(PhotoListEntry entry, float[] modelInput, int width, int height) {
        return new PreparedPhoto(entry, modelInput, width, height, null);
    }

    static PreparedPhoto unreadable(PhotoListEntry entry, String reason) {
        return new PreparedPhoto(entry, null, 0, 0, reason);
    }

    boolean isReadable() {
        return accessFailure == null;
    }
}
