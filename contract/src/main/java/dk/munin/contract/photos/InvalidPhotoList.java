package dk.munin.contract.photos;

/** A line of images.jsonl that is not a photo: the list is broken, and whatever reads it stops rather than drop a photo silently. */
public class InvalidPhotoList extends RuntimeException {

    public InvalidPhotoList(String message) {
        super(message);
    }
}
