package dk.munin.detector;

import java.nio.file.Path;

/**
 * The container's entry point: {@code java -jar munin-detector.jar}, configured by environment
 * variables, or the system properties of the same settings (see {@link DetectorSettings}). Exit code 0 when the output file was written (even
 * if some photos became failure entries), {@link DetectorFailure#BAD_SETTINGS} for a wrong
 * environment or model checksum, {@link DetectorFailure#CANNOT_PROCEED} otherwise; the error
 * is the last line on stderr.
 *
 * <p>{@code java -jar munin-detector.jar fetch-model} only downloads and verifies DETECTOR_MODEL
 * into DETECTOR_MODEL_CACHE and prints the cached file's path: the container build uses it to
 * bake a model into the image.
 */
public final class DetectorMain {

    static final String FETCH_MODEL = "fetch-model";

    private DetectorMain() {
    }

    public static void main(String[] args) {
        LauncherWatch.startIfAsked(System.getenv());
        System.exit(runAndReport(args.length > 0 && FETCH_MODEL.equals(args[0])));
    }

    private static int runAndReport(boolean fetchModelOnly) {
        try {
            if (fetchModelOnly) {
                Path model = DetectorRun.fetchModel(DetectorSettings.environment(System.getenv(), System.getProperties()));
                System.out.println(model);
            } else {
                DetectorRun.run(DetectorSettings.environment(System.getenv(), System.getProperties()));
            }
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
