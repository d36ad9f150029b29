package dk.munin.detector;

/**
 * Something that stops the whole run. The exit code tells the caller (AWS Batch or the app's
 * local driver) whether retrying can help: {@link #BAD_SETTINGS} will fail the same way again
 * until someone fixes the environment, {@link #CANNOT_PROCEED} may be transient (I/O, S3).
 */
public class DetectorFailure extends RuntimeException {

    public static final int CANNOT_PROCEED = 1;
    public static final int BAD_SETTINGS = 2;

    private final int exitCode;

    private DetectorFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static DetectorFailure badSettings(String message) {
        return new DetectorFailure(BAD_SETTINGS, message, null);
    }

    public static DetectorFailure badSettings(String message, Throwable cause) {
        return new DetectorFailure(BAD_SETTINGS, message, cause);
    }

    public static DetectorFailure cannotProceed(String message, Throwable cause) {
        return new DetectorFailure(CANNOT_PROCEED, message, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
