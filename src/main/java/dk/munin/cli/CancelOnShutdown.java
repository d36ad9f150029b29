package dk.munin.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or a SIGTERM) during `munin run` cancels the run instead of just killing the JVM: a
 * shutdown hook interrupts the thread running the workflow and waits, up to a limit, until the
 * run has stopped what it started (the detector processes, the AWS Batch job via TerminateJob),
 * because the JVM exits as soon as the hook returns.
 */
final class CancelOnShutdown implements AutoCloseable {

    private final Thread runThread;
    private final Duration wait;
    private final PrintStream out;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private CancelOnShutdown(Thread runThread, Duration wait, PrintStream out) {
        this.runThread = runThread;
        this.wait = wait;
        this.out = out;
        this.hook = new Thread(this::cancel, "munin-cancel-run");
    }

    /** Cancels the calling thread's run on JVM shutdown until {@link #close()}. */
    static CancelOnShutdown forCurrentThread(Duration wait, PrintStream out) {
        CancelOnShutdown cancellation = new CancelOnShutdown(Thread.currentThread(), wait, out);
        Runtime.getRuntime().addShutdownHook(cancellation.hook);
        return cancellation;
    }

    /** The hook's work: interrupt the run and wait for it to finish stopping. */
    void cancel() {
        out.println("✗ Cancelling the run: stopping the detection job ...");
        runThread.interrupt();
        try {
            if (!finished.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                out.println("✗ The run did not stop within " + ConsoleProgress.seconds(wait) + " (munin.detect.cancel-wait-seconds); exiting anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The run is over: let a waiting hook go, and stop watching for shutdown. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            // the hook is running (or ran): it was waiting for exactly this countDown
        }
    }
}
