package dk.munin.workflow;

import java.util.UUID;

/**
 * The ids of one Map Run of a Distributed Map, built as Step Functions builds them from the state
 * machine's ARN and the Map's Label (its state name when it has none):
 * {@code arn:aws:states:<region>:<account>:mapRun:<machine>/<label>:<uuid>}, and each child
 * execution {@code arn:aws:states:<region>:<account>:execution:<machine>/<label>:<name>}.
 */
record MapRunId(StateMachineArn machine, String label, String uuid) {

    static MapRunId start(StateMachineArn machine, String label) {
        return new MapRunId(machine, label, UUID.randomUUID().toString());
    }

    String arn() {
        return prefix("mapRun") + ":" + uuid;
    }

    /** The child execution's name: the run's id and the child's position, unique within the state machine. */
    String childName(int index) {
        return uuid + "-" + index;
    }

    String childArn(int index) {
        return prefix("execution") + ":" + childName(index);
    }

    String childStateMachineArn() {
        return prefix("stateMachine");
    }

    private String prefix(String type) {
        return "arn:" + machine.partition() + ":states:" + machine.region() + ":" + machine.account() + ":" + type + ":"
                + machine.name() + "/" + label;
    }
}
