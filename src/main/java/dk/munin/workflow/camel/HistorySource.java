package dk.munin.workflow.camel;

import dk.munin.contract.settings.Settings;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where the run report reads the execution's history: {@code munin.workflow.history}. */
public enum HistorySource {

    /** The embedded runner of this process, which ran the execution. */
    EMBEDDED("embedded"),
    /** Step Functions' GetExecutionHistory: the stages run as Lambda functions, apart from the workflow. */
    STEP_FUNCTIONS("step-functions");

    static final String KEY = "munin.workflow.history";

    private final String setting;

    HistorySource(String setting) {
        this.setting = setting;
    }

    static HistorySource from(Settings settings) {
        return settings.parsed(KEY, Arrays.stream(values()).map(source -> source.setting).collect(Collectors.joining(" or ")),
                value -> Arrays.stream(values()).filter(source -> source.setting.equals(value.trim().toLowerCase(Locale.ROOT)))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException(value)));
    }
}
