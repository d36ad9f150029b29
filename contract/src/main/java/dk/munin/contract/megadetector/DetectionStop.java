package dk.munin.contract.megadetector;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why the detector stopped before it reached every photo of its slice: its share of the budget
 * was spent, or the run reached max_runtime_min. The photos it did not reach are entries of the
 * output like any other, with {@link #failure()} as their {@code failure}, so the file still lists
 * every photo and later stages can tell "not looked at" from "could not be read".
 */
public enum DetectionStop {

    BUDGET("budget", ImageEntry.NOT_DETECTED_BUDGET, "the budget ran out"),
    MAX_RUNTIME("max_runtime_min", ImageEntry.NOT_DETECTED_MAX_RUNTIME, "max_runtime_min was reached");

    private final String id;
    private final String failure;
    private final String inWords;

    DetectionStop(String id, String failure, String inWords) {
        this.id = id;
        this.failure = failure;
        this.inWords = inWords;
    }

    /** {@code budget} or {@code max_runtime_min}: how the run state, the run report and the detector's metadata name it. */
    public String id() {
        return id;
    }

    /** The {@code failure} of each photo the detector did not reach. */
    public String failure() {
        return failure;
    }

    /** What happened, for a sentence: "the budget ran out". */
    public String inWords() {
        return inWords;
    }

    /** The stop a {@code failure} stands for; empty for a photo the detector tried and could not read. */
    public static Optional<DetectionStop> ofFailure(String failure) {
        return Arrays.stream(values()).filter(stop -> stop.failure.equals(failure)).findFirst();
    }

    public static Optional<DetectionStop> ofId(String id) {
        return Arrays.stream(values()).filter(stop -> stop.id.equals(id)).findFirst();
    }
}
