package dk.munin.contract.photos;

/**
 * A photo that cannot be read: Stage-0 cannot read its metadata, or the detector cannot turn it
 * into pixels. Its message is the short reason images.jsonl's {@code error} and the detections'
 * {@code failure} carry; whoever meets one records it and goes on with the next photo.
 */
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
