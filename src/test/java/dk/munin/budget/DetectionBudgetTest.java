package dk.munin.budget;

import dk.munin.state.JobCost;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DetectionBudgetTest {

    /** 1,000 photos x 1.5 s at 0.45 DKK/hour: 0.1875 DKK expected, one shard of 1,500 s. */
    private static final JobCost COST = JobCost.of(1000, 1500, 0.45, "spot");
    private static final DetectionSharding SHARDING = new DetectionSharding(100, 0.8);

    @Test
    void aBudgetAboveTheExpectedCostButBelowTheWorstCaseIsRefusedOrRunByThePolicy() {
        // worst case: 2 attempts x 1 shard x 3,600 s at 0.45 DKK/hour = 0.90 DKK
        DetectionBudget refusing = new DetectionBudget(SHARDING, 2, 60, WorstCasePolicy.REFUSE);
        DetectionBudget stopping = new DetectionBudget(SHARDING, 2, 60, WorstCasePolicy.STOP_AT_BUDGET);

        assertThatThrownBy(() -> refusing.plan(COST, 0.5, 3600)).isInstanceOf(BudgetExceeded.class)
                .hasMessageContaining("Worst-case cost 0.9000 DKK exceeds budget_dkk 0.5 DKK");
        DetectionBudget.Plan plan = stopping.plan(COST, 0.5, 3600);
        assertThat(plan.worstCaseWithinBudget()).isFalse();
        assertThat(plan.worstCase().costDkk()).isEqualTo(0.9);
        assertThat(stopping.plan(COST, 1.0, 3600).worstCaseWithinBudget()).isTrue();
    }

    @Test
    void theExpectedCostOverTheBudgetIsRefusedUnderEitherPolicy() {
        for (WorstCasePolicy policy : WorstCasePolicy.values()) {
            assertThatThrownBy(() -> new DetectionBudget(SHARDING, 2, 60, policy).plan(COST, 0.1, 3600))
                    .isInstanceOf(BudgetExceeded.class).hasMessageStartingWith("Estimated cost 0.1875 DKK exceeds budget_dkk 0.1 DKK");
        }
    }

    @Test
    void thePolicyIsReadFromItsSetting() {
        assertThat(WorstCasePolicy.ofSetting(" Stop-At-Budget ")).isEqualTo(WorstCasePolicy.STOP_AT_BUDGET);
        assertThatThrownBy(() -> WorstCasePolicy.ofSetting("allow")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("munin.budget.worst-case-over-budget must be refuse or stop-at-budget, got \"allow\"");
    }
}
