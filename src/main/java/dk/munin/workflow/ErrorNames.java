package dk.munin.workflow;

import java.util.List;

/**
 * The predefined error names of the Amazon States Language and the matching rules of a
 * Retrier's or Catcher's ErrorEquals.
 */
public final class ErrorNames {

    public static final String ALL = "States.ALL";
    public static final String TASK_FAILED = "States.TaskFailed";
    public static final String TIMEOUT = "States.Timeout";
    public static final String RUNTIME = "States.Runtime";
    public static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";
    public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
    public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
    /** A Distributed Map's failed items exceeded its ToleratedFailureCount or ToleratedFailurePercentage. */
    public static final String EXCEED_TOLERATED_FAILURE_THRESHOLD = "States.ExceedToleratedFailureThreshold";
    public static final String ITEM_READER_FAILED = "States.ItemReaderFailed";
    public static final String RESULT_WRITER_FAILED = "States.ResultWriterFailed";

    private ErrorNames() {
    }

    /**
     * Whether an ErrorEquals list covers the error. States.Runtime is never retried or caught;
     * States.DataLimitExceeded only when named; States.ALL matches everything else, and
     * States.TaskFailed everything else except States.Timeout.
     */
    public static boolean covers(List<String> errorEquals, String error) {
        if (RUNTIME.equals(error)) {
            return false;
        }
        for (String name : errorEquals) {
            if (name.equals(error)) {
                return true;
            }
            if (DATA_LIMIT_EXCEEDED.equals(error)) {
                continue;
            }
            if (ALL.equals(name) || (TASK_FAILED.equals(name) && !TIMEOUT.equals(error))) {
                return true;
            }
        }
        return false;
    }
}
