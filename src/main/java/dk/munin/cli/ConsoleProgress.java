package dk.munin.cli;

import dk.munin.workflow.ExecutionListener;
import dk.munin.workflow.HistoryEntry;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** Prints each workflow state as it starts and ends, so a long run shows where it is. */
final class ConsoleProgress implements ExecutionListener {

    private final PrintStream out;

    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void stateEntered(String executionId, String state, String type) {
        out.printf("→ %s%n", state);
    }

    @Override
    public void stateExited(String executionId, HistoryEntry entry, Duration duration) {
        String mark = switch (entry.outcome()) {
            case "succeeded" -> "✓";
            case "caught" -> "↪";
            default -> "✗";
        };
        String error = entry.error() == null ? "" : " " + entry.error();
        out.printf(Locale.ROOT, "%s %s (%s)%s%n", mark, entry.state(), seconds(duration), error);
    }

    @Override
    public void retrying(String executionId, String state, String error, int retry, Duration delay) {
        out.printf(Locale.ROOT, "↻ %s failed with %s; retry %d in %s%n", state, error, retry, seconds(delay));
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
