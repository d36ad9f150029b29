package dk.munin.contract.storage;

/**
 * The store could not be reached, answered with a server error, or a transfer broke off: worth
 * retrying. The workflow's Retry names this class, as the Lambda Java runtime reports it.
 */
public class StorageUnavailable extends StorageException {

    public StorageUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
