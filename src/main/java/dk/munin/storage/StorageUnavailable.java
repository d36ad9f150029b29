package dk.munin.storage;

import dk.munin.PipelineError;

/** The store could not be reached or answered with a server error: worth retrying. */
public class StorageUnavailable extends PipelineError {

    public StorageUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
