package dk.munin.detector.photo;

/** A photo that cannot be turned into pixels; its message is the short reason written to the output. */
public class UnreadablePhoto extends Exception {

    public UnreadablePhoto(String reason) {
        super(reason);
    }

    public UnreadablePhoto(String reason, Throwable cause) {
        super(reason, cause);
    }
}
