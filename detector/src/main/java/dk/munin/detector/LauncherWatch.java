package dk.munin.detector;

import dk.munin.contract.stage1.ContainerSettings;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Stops the detector when the process that started it is gone. A `munin run` killed with SIGKILL
 * cannot stop its children, and a detector left running would go on writing the session's
 * checkpoints and detections while the next run resumes the session. The launcher keeps a pipe
 * on the detector's standard input and never writes to it; the pipe closes (end of input) only
 * when the launcher exits, however it exits. What the detector finished is in its checkpoints,
 * each written whole, so stopping at any moment loses at most the photos since the last one.
 */
final class LauncherWatch {

    private LauncherWatch() {
    }

    /** Watches standard input when DETECTOR_EXIT_WITH_LAUNCHER is "true"; otherwise does nothing. */
    static void startIfAsked(Map<String, String> environment) {
        if (!"true".equals(environment.get(ContainerSettings.variable(ContainerSettings.EXIT_WITH_LAUNCHER)))) {
            return;
        }
        Thread watch = new Thread(() -> waitForEndOf(System.in), "launcher-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static void waitForEndOf(InputStream launcherPipe) {
        try {
            while (launcherPipe.read() >= 0) {
                // the launcher writes nothing; anything it might is ignored
            }
        } catch (IOException closed) {
            // a broken pipe is the launcher gone too
        }
        System.err.println("munin-detector: error: the process that started the detector is gone (its standard input closed): stopping");
        System.exit(DetectorFailure.CANNOT_PROCEED);
    }
}
