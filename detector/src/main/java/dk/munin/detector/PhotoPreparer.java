package dk.munin.detector;

import dk.munin.contract.photos.PhotoListEntry;
import dk.munin.contract.photos.UnreadablePhoto;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectNotFound;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.contract.storage.StorageException;
import dk.munin.contract.storage.StorageUnavailable;
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
    private final InputFormat format;
    private final int inputWidth;
    private final int inputHeight;
    private final PhotoDecoder.SmallestUseful decodeSize;

    /** @param reducedDecode decode at reduced scale where the model input is much smaller than the photo */
    PhotoPreparer(ObjectStore storage, InputFormat format, int inputWidth, int inputHeight, boolean reducedDecode) {
        this.storage = storage;
        this.format = format;
        this.inputWidth = inputWidth;
        this.inputHeight = inputHeight;
        this.decodeSize = reducedDecode
                ? (width, height) -> ModelInput.neededDisplaySize(width, height, format, inputWidth, inputHeight)
                : PhotoDecoder.FULL_SIZE;
    }

    PreparedPhoto prepare(PhotoListEntry entry) {
        if (entry.uri() == null) {
            return PreparedPhoto.unreadable(entry, "no uri in the photo list", 0, 0);
        }
        long started = System.nanoTime();
        byte[] bytes;
        try {
            bytes = storage.read(Location.parse(entry.uri()));
        } catch (ObjectNotFound e) {
            return PreparedPhoto.unreadable(entry, "cannot read " + entry.uri() + ": it does not exist", System.nanoTime() - started, 0);
        } catch (StorageUnavailable e) {
            // S3 failing past its retries says nothing about the photo: recording it as unreadable would lose its
            // detections for good; failing the run keeps the checkpoints, and the next attempt continues from them
            throw DetectorFailure.cannotProceed(e.getMessage(), e);
        } catch (StorageException | IllegalArgumentException e) {
            return PreparedPhoto.unreadable(entry, "cannot read " + entry.uri() + ": " + e.getMessage(), System.nanoTime() - started, 0);
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
}
