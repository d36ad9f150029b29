package dk.munin.workflow;

import java.time.Instant;

/**
 * One state of an execution as the run report shows it: when it was entered and left, how it
 * ended (succeeded, failed, caught, running) and, when it failed, the error name.
 */
public record HistoryEntry(
        String state,
        String type,
        Instant entered,
        Instant exited,
        String outcome,
        String error,
        int attempts) {
}
