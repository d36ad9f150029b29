package dk.munin.budget;

import java.util.Arrays;
import java.util.Locale;

/**
 * What GuardBudget and CostEstimation do with a run whose expected cost fits budget_dkk but
 * whose worst case (every attempt of every shard running the whole max_job_duration) does not
 * (munin.budget.worst-case-over-budget).
 */
public enum WorstCasePolicy {

    /** Refuse it with BudgetExceeded: a run that could overrun never starts. */
    REFUSE("refuse"),
    /**
     * Run it: the detector stops at its share of the budget, measured from its own running time,
     * and the run ends BudgetExhausted with what was detected. Only a hung attempt, which cannot
     * count, can still spend past it, up to max_job_duration.
     */
    STOP_AT_BUDGET("stop-at-budget");

    private final String settingValue;

    WorstCasePolicy(String settingValue) {
        this.settingValue = settingValue;
    }

    public static WorstCasePolicy ofSetting(String value) {
        return Arrays.stream(values())
                .filter(policy -> policy.settingValue.equals(value.trim().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "munin.budget.worst-case-over-budget must be refuse or stop-at-budget, got \"" + value + "\""));
    }

    public String settingValue() {
        return settingValue;
    }
}
