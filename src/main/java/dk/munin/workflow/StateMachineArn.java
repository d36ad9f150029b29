package dk.munin.workflow;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ARN a state machine has (or would have) in Step Functions. Execution ids are derived from
 * it as Step Functions does: {@code arn:aws:states:<region>:<account>:execution:<machine>:<execution>}.
 */
public record StateMachineArn(String arn, String partition, String region, String account, String name) {

    private static final Pattern FORMAT =
            Pattern.compile("arn:(aws[a-z-]*):states:([a-z0-9-]+):(\\d{12}):stateMachine:([A-Za-z0-9_-]{1,80})");

    /** Characters Step Functions does not allow in an execution name. */
    private static final String FORBIDDEN_IN_NAMES = "<>{}[]?*\"#%\\^|~`$&,;:/";
    private static final int MAX_NAME_LENGTH = 80;

    public static StateMachineArn parse(String arn) {
        Matcher matcher = FORMAT.matcher(arn == null ? "" : arn);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a state machine ARN (arn:aws:states:<region>:<account>:stateMachine:<name>): " + arn);
        }
        return new StateMachineArn(arn, matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4));
    }

    public String executionId(String executionName) {
        checkExecutionName(executionName);
        return "arn:" + partition + ":states:" + region + ":" + account + ":execution:" + name + ":" + executionName;
    }

    private static void checkExecutionName(String executionName) {
        if (executionName == null || executionName.isEmpty() || executionName.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("An execution name must have 1 to " + MAX_NAME_LENGTH + " characters: " + executionName);
        }
        for (char c : executionName.toCharArray()) {
            if (Character.isWhitespace(c) || Character.isISOControl(c) || FORBIDDEN_IN_NAMES.indexOf(c) >= 0) {
                throw new IllegalArgumentException("Step Functions does not allow '" + c + "' in an execution name: " + executionName);
            }
        }
    }
}
