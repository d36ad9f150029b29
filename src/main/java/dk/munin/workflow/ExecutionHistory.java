package dk.munin.workflow;

import java.util.ArrayList;
import java.util.List;

/**
 * The live history of one execution. The runner appends an entry when a state is entered and
 * replaces it when the state ends, while a Task of the same execution may be reading it.
 */
final class ExecutionHistory {

    private final List<HistoryEntry> entries = new ArrayList<>();

    synchronized int add(HistoryEntry entry) {
        entries.add(entry);
        return entries.size() - 1;
    }

    synchronized void replace(int index, HistoryEntry entry) {
        entries.set(index, entry);
    }

    synchronized List<HistoryEntry> snapshot() {
        return List.copyOf(entries);
    }
}
