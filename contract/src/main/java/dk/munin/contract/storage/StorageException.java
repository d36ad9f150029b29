package dk.munin.contract.storage;

/** The store failed or refused an operation; the message names the location. */
public class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
