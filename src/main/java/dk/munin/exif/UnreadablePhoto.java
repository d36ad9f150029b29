package dk.munin.exif;

/** A photo whose metadata cannot be read at all; Stage-0 records the reason and goes on. */
public class UnreadablePhoto extends Exception {

    private final long bytesRead;

    public UnreadablePhoto(String reason) {
        this(reason, 0, null);
    }

    public UnreadablePhoto(String reason, Throwable cause) {
        this(reason, 0, cause);
    }

    /** @param bytesRead what finding out cost, so the run still accounts for every byte it read */
    public UnreadablePhoto(String reason, long bytesRead, Throwable cause) {
        super(reason, cause);
        this.bytesRead = bytesRead;
    }

    public long bytesRead() {
        return bytesRead;
    }
}
