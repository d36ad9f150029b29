package dk.munin.detector;

import dk.munin.detector.model.ModelInput;
import dk.munin.detector.photo.Photo;
import dk.munin.detector.photo.PhotoDecoder;
import dk.munin.detector.photo.UnreadablePhoto;
import dk.munin.detector.storage.Storage;
import dk.munin.detector.storage.StorageLocation;

import java.io.IOException;

/**
 * Reads, decodes and resizes one photo into a model input. This is most of a run's CPU time
 * (a 12-megapixel JPEG takes far longer to decode than the model takes to run), so it is safe
 * to call from several threads at once.
 */
final class PhotoPreparer {

    private final Storage storage;
    private final int inputWidth;
    private final int inputHeight;

    PhotoPreparer(Storage storage, int inputWidth, int inputHeight) {
        this.storage = storage;
        this.inputWidth = inputWidth;
        this.inputHeight = inputHeight;
    }

    PreparedPhoto prepare(PhotoListEntry entry) {
        if (entry.uri() == null) {
            return PreparedPhoto.unreadable(entry, "no uri in the photo list");
        }
        byte[] bytes;
        try {
            bytes = storage.read(StorageLocation.parse(entry.uri()));
        } catch (IOException | IllegalArgumentException e) {
            return PreparedPhoto.unreadable(entry, "cannot read " + entry.uri() + ": " + e.getMessage());
        }
        try {
            Photo photo = PhotoDecoder.decode(bytes);
            return PreparedPhoto.ready(entry, ModelInput.planarBgr(photo, inputWidth, inputHeight),
                    photo.displayWidth(), photo.displayHeight());
        } catch (UnreadablePhoto e) {
            return PreparedPhoto.unreadable(entry, e.getMessage());
        }
    }
}
