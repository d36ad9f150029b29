package dk.munin.trigger;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the trigger route start-run does with a manifest (munin.trigger.start). */
public enum StartMode {

    /** Runs the workflow in this JVM, with the embedded ASL runner. */
    EMBEDDED,
    /** Starts an execution of the state machine deployed on AWS Step Functions. */
    STEP_FUNCTIONS;

    /** The setting's spelling, e.g. {@code step-functions}. */
    public String setting() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static StartMode of(String setting) {
        return Arrays.stream(values()).filter(mode -> mode.setting().equals(setting.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(setting));
    }

    static String accepted() {
        return Arrays.stream(values()).map(StartMode::setting).collect(Collectors.joining(" or "));
    }
}
