package dk.munin.detector;

/**
 * The container's entry point: {@code java -jar munin-detector.jar}, configured by environment
 * variables (see {@link DetectorSettings}). Exit code 0 when detections.json was written (even
 * if some photos became failure entries), {@link DetectorFailure#BAD_SETTINGS} for a wrong
 * environment, {@link DetectorFailure#CANNOT_PROCEED} otherwise; the error is the last line on stderr.
 */
public final class DetectorMain {

    private DetectorMain() {
    }

    public static void main(String[] args) {
        System.exit(runAndReport());
    }

    private static int runAndReport() {
        try {
            DetectorRun.run(System.getenv());
            return 0;
        } catch (DetectorFailure failure) {
            System.err.println("munin-detector: error: " + failure.getMessage());
            return failure.exitCode();
        } catch (RuntimeException | Error unexpected) {
            // still one last line saying what happened, e.g. an OutOfMemoryError on a huge photo
            System.err.println("munin-detector: error: unexpected " + unexpected);
            return DetectorFailure.CANNOT_PROCEED;
        }
    }
}
