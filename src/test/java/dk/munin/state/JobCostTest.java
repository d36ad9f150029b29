package dk.munin.state;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The seed's calculate_job_cost(file_count, ms_per_frame, price_per_hour), on cases worked out by hand. */
class JobCostTest {

    @Test
    void fifteenHundredPhotosAtOneAndAHalfSecondsOnSpot() {
        // 1500 x 1500 ms = 2,250,000 ms = 0.625 h; x 0.45 DKK/h = 0.28125 DKK; / 1500 = 0.0001875 DKK a photo
        JobCost cost = JobCost.of(1500, 1500, 0.45, "spot");

        assertThat(cost.estimatedHours()).isCloseTo(0.625, within(1e-12));
        assertThat(cost.estimatedCostDkk()).isCloseTo(0.28125, within(1e-12));
        assertThat(cost.costPerFileDkk()).isCloseTo(0.0001875, within(1e-15));
        assertThat(cost.detectorSeconds()).isEqualTo(2250.0);
    }

    @Test
    void oneInstanceHourOnDemand() {
        // 1 photo x 3,600,000 ms = 1 h at 1.30 DKK/h
        JobCost cost = JobCost.of(1, 3_600_000, 1.30, "on-demand");

        assertThat(cost.estimatedHours()).isEqualTo(1.0);
        assertThat(cost.estimatedCostDkk()).isCloseTo(1.30, within(1e-12));
        assertThat(cost.costPerFileDkk()).isCloseTo(1.30, within(1e-12));
    }

    @Test
    void noPhotosCostNothingAndNothingAPhoto() {
        JobCost cost = JobCost.of(0, 1500, 0.45, "spot");

        assertThat(cost.estimatedHours()).isZero();
        assertThat(cost.estimatedCostDkk()).isZero();
        assertThat(cost.costPerFileDkk()).as("no division by zero").isZero();
        assertThat(cost.exceeds(0.0)).isFalse();
    }

    @Test
    void aBudgetPaysForAWholeNumberOfPhotos() {
        // 0.0001875 DKK a photo: 25 DKK pays for 133,333.33, so 133,333 photos
        JobCost cost = JobCost.of(1500, 1500, 0.45, "spot");

        assertThat(cost.largestFileCountWithin(25)).isEqualTo(133_333);
        assertThat(JobCost.of(10, 0, 0.45, "spot").largestFileCountWithin(1)).as("free detection: no limit").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theBudgetIsExceededOnlyAboveIt() {
        JobCost cost = JobCost.of(1500, 1500, 0.45, "spot");

        assertThat(cost.exceeds(0.28125)).isFalse();
        assertThat(cost.exceeds(0.28)).isTrue();
    }
}
