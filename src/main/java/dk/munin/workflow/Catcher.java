package dk.munin.workflow;

import java.util.List;

/** One Catcher of a Task's Catch: the errors it handles, where the error output goes, and the next state. */
record Catcher(List<String> errorEquals, ResultPath resultPath, String next) {

    boolean covers(String error) {
        return ErrorNames.covers(errorEquals, error);
    }
}
