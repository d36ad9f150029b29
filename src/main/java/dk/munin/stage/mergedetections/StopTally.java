package dk.munin.stage.mergedetections;

import dk.munin.contract.megadetector.DetectionStop;

import java.util.EnumMap;
import java.util.Map;

/**
 * The entries of photos the detector did not reach because it stopped at a limit. They are
 * entries like any other, so the file is complete; they are counted so the workflow can end
 * BudgetExhausted and the report can say how many.
 */
final class StopTally {

    private final Map<DetectionStop, Integer> counts = new EnumMap<>(DetectionStop.class);

    /** @param failure an entry's failure, null for a photo the detector read */
    void add(String failure) {
        if (failure != null) {
            DetectionStop.ofFailure(failure).ifPresent(stop -> counts.merge(stop, 1, Integer::sum));
        }
    }

    int notDetected() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Why detection stopped, or null. Shards of one run may stop for different reasons; the budget
     * is named then, since it is the limit the run was priced against.
     */
    String stopped() {
        if (counts.containsKey(DetectionStop.BUDGET)) {
            return DetectionStop.BUDGET.id();
        }
        return counts.containsKey(DetectionStop.MAX_RUNTIME) ? DetectionStop.MAX_RUNTIME.id() : null;
    }
}
