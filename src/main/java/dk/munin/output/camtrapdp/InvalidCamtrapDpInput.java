package dk.munin.output.camtrapdp;

import java.util.List;

/**
 * The rows given to {@link CamtrapDpWriter} cannot make a valid Camtrap DP package. Every problem
 * is named at once (each with the row's id and the field), so the caller fixes its input in one
 * go; nothing was written.
 */
public class InvalidCamtrapDpInput extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidCamtrapDpInput(List<String> problems) {
        super("Cannot write the Camtrap DP " + CamtrapDp.VERSION + " package, " + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + " in its input:\n- " + String.join("\n- ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
