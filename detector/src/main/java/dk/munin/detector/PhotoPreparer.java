package dk.munin.detector;

import dk.munin.contract.photos.PhotoListEntry;
import dk.munin.contract.photos.UnreadablePhoto;
import dk.munin.contract.storage.KeyRule;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectNotFound;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.contract.storage.StorageException;
import dk.munin.contract.storage.StorageUnavailable;
import dk.munin.contract.storage.UnsafeKey;
import dk.munin.detector.model.InputFormat;
import dk.munin.detector.model.ModelInput;
import dk.munin.detector.photo.Photo;
import dk.munin.detector.photo.PhotoDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Reads, decodes and resizes one photo into a model input. With small models this is most of a
 * run's CPU time (a 12-megapixel JPEG takes far longer to decode than the model takes to run),
 * so it runs on several threads at once, ahead of the model.
 *
 * <p>Whatever a photo's bytes are, the answer is a model input or a reason: a file larger than
 * DETECTOR_MAX_PHOTO_BYTES is not read, and an exception the decoder was not written to expect
 * becomes an {@link #UNEXPECTED} failure of that photo, with its stack trace in the log, instead
 * of the end of the run. A truncated photo's model input holds only the rows that are there.
 */
final class PhotoPreparer {

    /** How the reason of a photo that hit a decoder bug begins: never seen in a healthy run, so worth a report. */
    static final String UNEXPECTED = "unexpected decoder error";

    private static final Logger LOG = LoggerFactory.getLogger(PhotoPreparer.class);
    private static final double PERCENT = 100.0;

    private final ObjectStore storage;
    private final Location photos;
    private final InputFormat format;
    private final int inputWidth;
    private final int inputHeight;
    private final PhotoDecoder.SmallestUseful decodeSize;
    private final PhotoLimits limits;

    /**
     * @param photos        PHOTOS_URI, the folder every photo is read from (as it + the photo's file); null to read each line's uri
     * @param reducedDecode decode at reduced scale where the model input is much smaller than the photo
     * @param limits        what one photo may cost to decode
     */
    PhotoPreparer(ObjectStore storage, Location photos, InputFormat format, int inputWidth, int inputHeight, boolean reducedDecode,
                  PhotoLimits limits) {
        this.storage = storage;
        this.photos = photos;
        this.format = format;
        this.inputWidth = inputWidth;
        this.inputHeight = inputHeight;
        this.limits = limits;
        this.decodeSize = reducedDecode
                ? (width, height) -> ModelInput.neededDisplaySize(width, height, format, inputWidth, inputHeight)
                : PhotoDecoder.FULL_SIZE;
    }

    PreparedPhoto prepare(PhotoListEntry entry) {
        Location location;
        try {
            location = where(entry);
        } catch (IllegalArgumentException e) {
            return PreparedPhoto.unreadable(entry, e.getMessage(), 0, 0);
        }
        if (location == null) {
            return PreparedPhoto.unreadable(entry, "no uri in the photo list", 0, 0);
        }
        if (entry.bytes() != null && entry.bytes() > limits.maxPhotoBytes()) {
            return PreparedPhoto.unreadable(entry, tooLarge(entry.bytes()), 0, 0);
        }
        long started = System.nanoTime();
        byte[] bytes;
        try {
            bytes = storage.read(location);
        } catch (ObjectNotFound e) {
            return PreparedPhoto.unreadable(entry, "cannot read " + location + ": it does not exist", System.nanoTime() - started, 0);
        } catch (StorageUnavailable e) {
            // S3 failing past its retries says nothing about the photo: recording it as unreadable would lose its
            // detections for good; failing the run keeps the checkpoints, and the next attempt continues from them
            throw DetectorFailure.cannotProceed(e.getMessage(), e);
        } catch (StorageException | IllegalArgumentException e) {
            return PreparedPhoto.unreadable(entry, "cannot read " + location + ": " + e.getMessage(), System.nanoTime() - started, 0);
        }
        long read = System.nanoTime();
        if (bytes.length > limits.maxPhotoBytes()) {
            return PreparedPhoto.unreadable(entry, tooLarge(bytes.length), read - started, 0);
        }
        try {
            return prepare(entry, bytes, read - started);
        } catch (RuntimeException bug) {
            LOG.warn("{}: the decoder failed unexpectedly; the photo is recorded as unreadable", entry.file(), bug);
            return PreparedPhoto.unreadable(entry, UNEXPECTED + ": " + bug, read - started, System.nanoTime() - read);
        }
    }

    private PreparedPhoto prepare(PhotoListEntry entry, byte[] bytes, long readNanos) {
        long read = System.nanoTime();
        Photo photo;
        try {
            photo = PhotoDecoder.decode(bytes, decodeSize, limits.decoding());
        } catch (UnreadablePhoto e) {
            return PreparedPhoto.unreadable(entry, e.getMessage(), readNanos, System.nanoTime() - read);
        }
        long decoded = System.nanoTime();
        Photo shown = photo.present();
        ModelInput.Tensor tensor = ModelInput.prepare(shown, format, inputWidth, inputHeight);
        long prepared = System.nanoTime();
        int[] offset = photo.presentOffset();
        PreparedPhoto.Region region = new PreparedPhoto.Region(offset[0], offset[1], shown.displayWidth(), shown.displayHeight());
        return new PreparedPhoto(entry, tensor, photo.displayWidth(), photo.displayHeight(), region,
                photo.isTruncated() ? truncated(photo) : null, null, readNanos, decoded - read, prepared - decoded);
    }

    /** The entry's {@code truncated}: how much is there, and that the detections come from it. */
    private static String truncated(Photo photo) {
        return String.format(Locale.ROOT, "the image data ends after %d of the photo's %d rows (%.0f %% of the photo): "
                        + "detections are from those rows", photo.rowsPresent(), photo.storedHeight(),
                Math.floor(photo.rowsPresent() * PERCENT / photo.storedHeight()));
    }

    private String tooLarge(long bytes) {
        return String.format(Locale.ROOT, "too large: %d bytes, more than %s = %d", bytes, DetectorSettings.DETECTOR_MAX_PHOTO_BYTES,
                limits.maxPhotoBytes());
    }

    /**
     * Below PHOTOS_URI by the photo's file, the key rule refusing a file that would leave it;
     * without PHOTOS_URI the line's uri, but only for a file that keeps the rule.
     *
     * @return null for a line without a uri when there is no PHOTOS_URI
     * @throws UnsafeKey for a file that breaks the key rule
     */
    private Location where(PhotoListEntry entry) {
        if (photos != null) {
            return photos.resolve(entry.file());
        }
        KeyRule.check(entry.file());
        return entry.uri() == null ? null : Location.parse(entry.uri());
    }
}
