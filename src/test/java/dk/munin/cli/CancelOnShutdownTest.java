package dk.munin.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The shutdown hook's part of Ctrl-C, called directly as the JVM would call it. */
class CancelOnShutdownTest {

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);

    @Test
    void theHookInterruptsTheRunAndWaitsUntilItHasStopped() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean stoppedCleanly = new AtomicBoolean();
        AtomicReference<CancelOnShutdown> cancellation = new AtomicReference<>();
        Thread run = new Thread(() -> {
            try (CancelOnShutdown watching = CancelOnShutdown.forCurrentThread(Duration.ofSeconds(10), out)) {
                cancellation.set(watching);
                running.countDown();
                try {
                    Thread.sleep(TimeUnit.MINUTES.toMillis(1));
                } catch (InterruptedException e) {
                    // what a driver does on cancel: stop its job, which takes a moment
                    sleepUninterruptibly(300);
                    stoppedCleanly.set(true);
                }
            }
        });
        run.start();
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        cancellation.get().cancel();

        assertThat(stoppedCleanly).as("the hook returned only after the run had stopped its work").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("Cancelling the run");
        run.join(10_000);
    }

    @Test
    void theHookGivesUpAfterTheConfiguredWait() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<CancelOnShutdown> cancellation = new AtomicReference<>();
        Thread run = new Thread(() -> {
            try (CancelOnShutdown watching = CancelOnShutdown.forCurrentThread(Duration.ofMillis(200), out)) {
                cancellation.set(watching);
                running.countDown();
                awaitUninterruptibly(release);
            }
        });
        run.start();
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        cancellation.get().cancel();

        assertThat(console.toString(StandardCharsets.UTF_8)).contains("did not stop within 0.2 s").contains("exiting anyway");
        release.countDown();
        run.join(10_000);
    }

    private static void sleepUninterruptibly(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
            } catch (InterruptedException ignored) {
                // keep stopping
            }
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException ignored) {
                // a run that ignores the interrupt
            }
        }
    }
}
