package dk.munin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;

/** The harness of {@code make bench-stage2} on a survey small enough for every build: its counts and Stage-2's line up. */
class Stage2BenchmarkTest {

    /** Four stations of 500 boxes: the first has a rock, and every kind of photo turns up. */
    private static final SyntheticSurvey TINY = new SyntheticSurvey(2_000, 4, 4, 7L);

    @TempDir
    Path dir;

    @Test
    void stageTwoFindsEveryBoxFailureBurstAndRockTheSurveyMadeUp() throws IOException {
        SyntheticSurvey.Written survey = TINY.writeTo(dir.resolve("survey"));

        JsonNode summary = Stage2Benchmark.run(survey, dir.resolve("out")).get("stage2_post");

        SyntheticSurvey.Counts made = survey.counts();
        assertThat(made.boxes()).isEqualTo(2_000);
        assertThat(made.rockBoxes()).as("a rock in at least the 20 photos a repeat needs").isGreaterThanOrEqualTo(20);
        assertThat(made.detectorFailures()).isPositive();
        assertThat(summary.path("detections_counted").asInt()).as("some boxes below the thresholds").isBetween(1, 1_999);
        assertThat(Stage2Benchmark.problems(survey, summary)).isEmpty();
    }

    @Test
    void theSameParametersWriteTheSameBytesAndTheCacheReusesThem() throws IOException {
        SyntheticSurvey.Written cached = TINY.cachedIn(dir.resolve("cache"));
        FileTime written = Files.getLastModifiedTime(cached.detectionsJson());
        SyntheticSurvey.Written again = TINY.writeTo(dir.resolve("again"));

        assertThat(TINY.cachedIn(dir.resolve("cache"))).isEqualTo(cached);
        assertThat(Files.getLastModifiedTime(cached.detectionsJson())).isEqualTo(written);
        assertThat(again.counts()).isEqualTo(cached.counts());
        assertThat(again.imagesJsonl()).hasSameBinaryContentAs(cached.imagesJsonl());
        assertThat(again.detectionsJson()).hasSameBinaryContentAs(cached.detectionsJson());
        assertThat(new SyntheticSurvey(2_000, 4, 4, 8L).key()).isNotEqualTo(TINY.key());
    }
}
