package dk.munin.budget;

import dk.munin.testing.ApplicationSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a run read in batches by Stage-0's Distributed Map adds to the estimate GuardBudget and CostEstimation price. */
class UsageModelBatchesTest {

    private final UsageModel usage = UsageModel.from(ApplicationSettings.settings());

    @Test
    void belowTheBatchesThresholdARunIsPricedAsOneStage0Invocation() {
        RunUsage run = usage.estimate(19_999, 100, 1, 4);

        assertThat(run.lambdaRequests()).isEqualTo(7);
        assertThat(run.stateTransitions()).isEqualTo(15);
    }

    /** 20,000 photos in 20 batches of 1,000: 20 invocations, 1 + 2 x 20 transitions, 22 objects more written and read. */
    @Test
    void aRunReadInBatchesPaysEachBatchsInvocationChildExecutionAndShard() {
        RunUsage one = usage.estimate(19_999, 100, 1, 4);
        RunUsage batched = usage.estimate(20_000, 100, 1, 4);

        assertThat(batched.lambdaRequests()).isEqualTo(7 + 20);
        assertThat(batched.stateTransitions()).isEqualTo(15 + 1 + 2 * 20);
        assertThat(batched.s3Writes() - one.s3Writes()).isEqualTo(22);
        assertThat(batched.s3Reads() - one.s3Reads()).isEqualTo(2 + 22);
        assertThat(batched.lambdaGbSeconds()).isGreaterThan(one.lambdaGbSeconds());
    }
}
