package dk.munin.detector;

import dk.munin.contract.photos.PhotoListEntry;
import dk.munin.detector.model.ModelInput;

/**
 * A photo ready for the model, or the reason it is not, and what getting it ready cost.
 *
 * @param entry         the photo-list line it came from
 * @param modelInput    the model input tensor, or null when {@code accessFailure} is set
 * @param width         the displayed full-size photo's width in pixels
 * @param height        the displayed full-size photo's height in pixels
 * @param shown         the part of the displayed photo the model input holds: all of it, unless the photo is truncated
 * @param truncated     how much of a truncated photo is there (the entry's {@code truncated}), or null
 * @param accessFailure why the photo could not be read or decoded, or null
 * @param readNanos       time spent reading the file's bytes
 * @param decodeNanos     time spent decoding them into pixels
 * @param preprocessNanos time spent resizing and turning the pixels into the tensor
 */
record PreparedPhoto(PhotoListEntry entry, ModelInput.Tensor modelInput, int width, int height, Region shown, String truncated,
                     String accessFailure, long readNanos, long decodeNanos, long preprocessNanos) {

    /** A rectangle of the displayed photo, in its pixels. */
    record Region(int left, int top, int width, int height) {
    }

    static PreparedPhoto unreadable(PhotoListEntry entry, String reason, long readNanos, long decodeNanos) {
        return new PreparedPhoto(entry, null, 0, 0, null, null, reason, readNanos, decodeNanos, 0);
    }

    boolean isReadable() {
        return accessFailure == null;
    }
}
