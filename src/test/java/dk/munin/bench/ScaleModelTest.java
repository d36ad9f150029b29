package dk.munin.bench;

import dk.munin.testing.ApplicationSettings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The AWS model make bench-scale prints, on figures of the kind it measures (a 10,000-photo survey, 20 ms per S3 answer). */
class ScaleModelTest {

    private static final ScaleModel.Measured MEASURED = new ScaleModel.Measured(189.3, 20, Map.of("GuardBudget", 0.9e-4,
            "MergePhotoBatches", 0.5e-4, "MergeDetections", 1.5e-4, "Stage2Post", 2.9e-4, "WeatherEnrichment", 0.1e-4,
            "WriteParquet", 0.2e-4), ScaleModel.DEFAULT_COLD_START_SECONDS);
    private final ScaleModel model = new ScaleModel(MEASURED, ApplicationSettings.settings());

    @Test
    void aSmallRunTakesTheSingleInvocationAndALargeOneTheDistributedMap() {
        ScaleModel.Row small = model.at(1_000);
        ScaleModel.Row million = model.at(1_000_000);

        assertThat(small.distributed()).isFalse();
        assertThat(small.invocations()).isEqualTo(7);
        assertThat(small.transitions()).isEqualTo(15);
        assertThat(million.distributed()).isTrue();
        assertThat(million.batches()).isEqualTo(1_000);
        assertThat(million.invocations()).isEqualTo(7 + 1_000);
        assertThat(million.transitions()).isEqualTo(15 + 1 + ScaleModel.TRANSITIONS_PER_CHILD * 1_000L);
        assertThat(million.s3Reads()).isEqualTo(2_000_000L + 1_000 + 2);
    }

    @Test
    void theCostPer1000PhotosFallsOrStaysAsTheRunGrows() {
        double perThousandAt1k = model.at(1_000).dkkPerThousandPhotos();
        double perThousandAt100k = model.at(100_000).dkkPerThousandPhotos();
        double perThousandAt1m = model.at(1_000_000).dkkPerThousandPhotos();

        assertThat(perThousandAt100k).isLessThanOrEqualTo(perThousandAt1k);
        assertThat(perThousandAt1m).isLessThanOrEqualTo(perThousandAt100k * 1.001);
        assertThat(model.at(1_000_000).totalDkk()).isEqualTo(model.at(1_000_000).dkk().values().stream().mapToDouble(Double::doubleValue).sum());
    }

    @Test
    void theMapsReadingOfAMillionPhotosTakesMinutesNotTheHoursOfOneInvocation() {
        ScaleModel.Row million = model.at(1_000_000);
        double oneInvocationSeconds = 1_000_000 / MEASURED.stage0PhotosPerSecond();

        // 1,000 batches of 1,000 photos, 100 at a time: 10 waves of 1,000 / 189.3 s + a 6 s cold start, then a 50 s join
        assertThat(oneInvocationSeconds).as("beyond one Lambda's 15 minutes").isGreaterThan(900);
        assertThat(million.stage0Seconds()).isCloseTo(10 * (1_000 / 189.3 + 6) + 50, within(0.01));
        assertThat(million.wallSeconds()).isGreaterThan(million.stage0Seconds());
        assertThat(model.table(1_000, 1_000_000)).contains("Distributed Map", "one invocation", "DKK per 1,000 photos");
    }
}
