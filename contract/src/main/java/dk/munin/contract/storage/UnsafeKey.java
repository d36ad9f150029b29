package dk.munin.contract.storage;

/**
 * A key that breaks {@link KeyRule}: Munin refuses to make a path or an object of it. An
 * IllegalArgumentException, as a malformed location is, so whoever reads a photo by its key
 * records the photo as failed with {@link #reason()} and goes on.
 */
public class UnsafeKey extends IllegalArgumentException {

    private final String key;
    private final String reason;

    public UnsafeKey(String key, String reason) {
        super("unsafe key '" + KeyRule.printable(key) + "': " + reason);
        this.key = key;
        this.reason = reason;
    }

    public String key() {
        return key;
    }

    /** Why the key is refused, without the key. */
    public String reason() {
        return reason;
    }
}
