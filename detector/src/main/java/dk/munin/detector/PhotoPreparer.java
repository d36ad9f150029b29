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

/**
 * Reads, decodes and resizes one photo into a model input. With small models this is most of a
 * run's CPU time (a 12-megapixel JPEG takes far longer to decode than the model takes to run),
 * so it runs on several threads at once, ahead of the model.
 */
final class PhotoPreparer {

    private final ObjectStore storage;
    private final Location photos;
    private final InputFormat format;
    private final int inputWidth;
    private final int inputHeight;
    private final PhotoDecoder.SmallestUseful decodeSize;

    /**
     * @param photos        PHOTOS_URI, the folder every photo is read from (as it + the photo's file); null to read each line's uri
     * @param reducedDecode decode at reduced scale where the model input is much smaller than the photo
     */
    PhotoPreparer(ObjectStore storage, Location photos, InputFormat format, int inputWidth, int inputHeight, boolean reducedDecode) {
        this.storage = storage;
        this.photos = photos;
        this.format = format;
        this.inputWidth = inputWidth;
        this.inputHeight = inputHeight;
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
        Photo photo;
        try {
            photo = PhotoDecoder.decode(bytes, decodeSize);
        } catch (UnreadablePhoto e) {
            return PreparedPhoto.unreadable(entry, e.getMessage(), read - started, System.nanoTime() - read);
        }
        long decoded = System.nanoTime();
        ModelInput.Tensor tensor = ModelInput.prepare(photo, format, inputWidth, inputHeight);
        long prepared = System.nanoTime();
        return new PreparedPhoto(entry, tensor, photo.displayWidth(), photo.displayHeight(), null,
                read - started, decoded - read, prepared - decoded);
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
