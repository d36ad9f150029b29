package dk.munin.workflow;

import dk.munin.clock.Sleeper;
import dk.munin.testing.ManualClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records each pause instead of sleeping, and moves the manual clock on by it. */
public final class RecordingSleeper implements Sleeper {

    private final ManualClock clock;
    private final List<Duration> pauses = new ArrayList<>();

    RecordingSleeper(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        pauses.add(duration);
        clock.advance(duration);
    }

    public synchronized List<Duration> pauses() {
        return List.copyOf(pauses);
    }
}
