package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** One state of a loaded state machine, ready to run. */
sealed interface State permits PassState, TaskState, ChoiceState, WaitState, SucceedState, FailState, MapState {

    String name();

    /** The ASL Type: Pass, Task, Choice, Wait, Succeed, Fail or Map. */
    String type();

    /** The states this one may go to, keyed by the field that names them (e.g. "Catch[0].Next"). */
    Map<String, String> transitions();

    /** Runs the state on its raw input; a reported error is a StateError. */
    Transition run(JsonNode input, StateVisit visit) throws StateError, InterruptedException;
}
