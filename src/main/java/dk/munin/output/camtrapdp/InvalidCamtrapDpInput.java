package dk.munin.output.camtrapdp;

import java.util.List;

/**
 * The rows given to {@link CamtrapDpWriter} cannot make a valid Camtrap DP package. Every problem
 * is named at once (each with the row's id and the field), so the caller fixes its input in one
 * go, up to a thousand of them, the rest counted; nothing was written.
 */
public class InvalidCamtrapDpInput extends IllegalArgumentException {

    private final List<String> problems;
    private final long unlisted;

    public InvalidCamtrapDpInput(List<String> problems) {
        this(problems, 0);
    }

    /** @param unlisted how many problems were found beyond those in {@code problems} */
    public InvalidCamtrapDpInput(List<String> problems, long unlisted) {
        super(message(problems, unlisted));
        this.problems = List.copyOf(problems);
        this.unlisted = unlisted;
    }

    private static String message(List<String> problems, long unlisted) {
        long total = problems.size() + unlisted;
        return "Cannot write the Camtrap DP " + CamtrapDp.VERSION + " package, " + total
                + (total == 1 ? " problem" : " problems") + " in its input:\n- " + String.join("\n- ", problems)
                + (unlisted == 0 ? "" : "\n- ... and " + unlisted + " more");
    }

    /** The problems, each naming its row and field; the first ones found when there were more than these. */
    public List<String> problems() {
        return problems;
    }

    /** How many problems were found beyond {@link #problems()}. */
    public long unlisted() {
        return unlisted;
    }
}
