package dk.munin.clock;

import java.time.Duration;

/** Waits between retries and in Wait states; tests inject one that records the delays instead. */
@FunctionalInterface
public interface Sleeper {

    /** Really sleeps. */
    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
