package dk.munin.workflow;

/** A journal's resume point that this definition cannot continue from. */
public final class CannotResume extends RuntimeException {

    public CannotResume(String executionName, String reason) {
        super("Cannot resume execution " + executionName + ": " + reason);
    }
}
