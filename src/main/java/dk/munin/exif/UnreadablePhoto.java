package dk.munin.exif;

/** A photo whose metadata cannot be read at all; Stage-0 records the reason and goes on. */
public class UnreadablePhoto extends Exception {

    public UnreadablePhoto(String reason) {
        super(reason);
    }

    public UnreadablePhoto(String reason, Throwable cause) {
        super(reason, cause);
    }
}
