package dk.munin.budget;

import dk.munin.testing.TestBudgets;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DetectionBudgetTest {

    /** 1,000 photos x 1.5 s at 0.45 DKK/hour: 0.1875 DKK expected, one shard of 1,500 s. */
    private static final int PHOTOS = 1000;

    @Test
    void aBudgetAboveTheExpectedCostButBelowTheWorstCaseIsRefusedOrRunByThePolicy() {
        // worst case: 2 attempts x 1 shard x 3,600 s at 0.45 DKK/hour = 0.90 DKK
        DetectionBudget refusing = budget(WorstCasePolicy.REFUSE);
        DetectionBudget stopping = budget(WorstCasePolicy.STOP_AT_BUDGET);

        assertThatThrownBy(() -> refusing.plan(PHOTOS, TestBudgets.budget(0.5), 3600)).isInstanceOf(BudgetExceeded.class)
                .hasMessageContaining("Worst-case cost 0.9000 DKK exceeds budget_dkk 0.5 DKK");
        DetectionBudget.Plan plan = stopping.plan(PHOTOS, TestBudgets.budget(0.5), 3600);
        assertThat(plan.worstCaseWithinBudget()).isFalse();
        assertThat(plan.estimate().worstCase().costDkk()).isEqualTo(0.9);
        assertThat(stopping.plan(PHOTOS, TestBudgets.budget(1.0), 3600).worstCaseWithinBudget()).isTrue();
    }

    @Test
    void theExpectedCostOverTheBudgetIsRefusedUnderEitherPolicy() {
        for (WorstCasePolicy policy : WorstCasePolicy.values()) {
            assertThatThrownBy(() -> budget(policy).plan(PHOTOS, TestBudgets.budget(0.1), 3600))
                    .isInstanceOfSatisfying(BudgetExceeded.class, refused -> {
                        assertThat(refused.budgetDkk()).isEqualTo(0.1);
                        assertThat(refused.budgetNeededDkk()).isEqualTo(0.19);
                        // 0.1 DKK / (1.5 s x 0.45 DKK/h) = 533.3 photos
                        assertThat(refused.largestMaxImages()).isEqualTo(533);
                        assertThat(refused.breakdown().dkk("detector")).isEqualTo(0.1875);
                    })
                    .hasMessageStartingWith("Estimated cost 0.1875 DKK exceeds budget_dkk 0.1 DKK");
        }
    }

    @Test
    void aBudgetBelowWhatEveryRunPaysOffersNoMaxImages() {
        // Step Functions at 0.01 DKK a transition, 13 of them: 0.13 DKK before any photo
        UsageModel transitions = new UsageModel(List.of(), 13, 0, 0, 0, 0, 0, 0);
        PriceTable table = TestBudgets.detectorOnly(0.45, 1.3);
        PriceTable stepFunctions = new PriceTable(table.region(), 1, table.batch(), 0, 0, 0.01, 0, 0, 0, 0, 0, 0);
        DetectionBudget budget = new DetectionBudget(new RunEstimator(new ConfiguredSpeed(1500, 0, "test host", "test"),
                TestBudgets.instance(), new RunPricing(stepFunctions, 1, 1), transitions, new DetectionSharding(100, 0.8),
                TestBudgets.ATTEMPTS, new RunEstimator.Where(false, 2)), WorstCasePolicy.REFUSE, TestBudgets.MIN_JOB_DURATION);

        assertThatThrownBy(() -> budget.plan(PHOTOS, TestBudgets.budget(0.1), 3600))
                .isInstanceOfSatisfying(BudgetExceeded.class, refused -> assertThat(refused.largestMaxImages()).isZero())
                .hasMessageContaining("step_functions 0.1300")
                .hasMessageEndingWith("Raise budget_dkk to at least 0.32: even without a photo the run's fixed costs are over budget_dkk.");
    }

    @Test
    void thePolicyIsReadFromItsSetting() {
        assertThat(WorstCasePolicy.ofSetting(" Stop-At-Budget ")).isEqualTo(WorstCasePolicy.STOP_AT_BUDGET);
        assertThatThrownBy(() -> WorstCasePolicy.ofSetting("allow")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("munin.budget.worst-case-over-budget must be refuse or stop-at-budget, got \"allow\"");
    }

    private static DetectionBudget budget(WorstCasePolicy policy) {
        return new DetectionBudget(TestBudgets.estimator(1500, TestBudgets.detectorOnly(0.45, 1.3), TestBudgets.nothingElse(), 100),
                policy, TestBudgets.MIN_JOB_DURATION);
    }
}
