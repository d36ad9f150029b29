package dk.munin.bench;

import dk.munin.contract.testing.DamagedPhotos;
import dk.munin.contract.testing.SharedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A slice of {@code make bench-badinput} in {@code make test}: 300 damaged copies of the shared
 * photos (the benchmark's seed, so the same first 300 of its 10,000) through Stage-0 and the
 * detector jar with FastestDet. Nothing may escape, and every photo is read or failed with a reason.
 */
class BadInputBenchmarkTest {

    private static final int PHOTOS = 300;
    private static final Path DETECTOR_JAR = SharedData.PROJECT_ROOT.resolve("detector/target/munin-detector.jar");

    @TempDir
    Path work;

    @Test
    void damagedPhotosAreReadOrFailedWithAReasonAndNothingEscapes() throws Exception {
        Path photos = SharedData.require("images");
        Path model = SharedData.fastestDet();
        Assumptions.assumeTrue(Files.isRegularFile(DETECTOR_JAR), "Skipped: the detector jar is not built (make build): " + DETECTOR_JAR);

        BadInputBenchmark.Outcome outcome = BadInputBenchmark.run(photos, model, DETECTOR_JAR, PHOTOS,
                BadInputBenchmark.DEFAULT_SEED, BadInputBenchmark.DEFAULT_DETECTOR_HEAP, work);

        for (BadInputRun.Tally stage : new BadInputRun.Tally[] {outcome.stage0(), outcome.detector()}) {
            assertThat(stage.unhandled()).isEmpty();
            assertThat(stage.read() + stage.failedCount()).isEqualTo(PHOTOS);
            assertThat(stage.read()).as("most damage leaves something to read").isPositive();
            assertThat(stage.flagged()).as("and says what is wrong with it").isPositive();
        }
        // Stage-0 reads only the metadata in front of the image data and salvages what it can (warnings);
        // the detector needs the pixels, and much of the damage leaves none
        assertThat(outcome.stage0().flagged()).as("Stage-0 read with warnings").isPositive();
        assertThat(outcome.detector().failedCount()).as("the detector's failures").isPositive();
        assertThat(outcome.detector().flagged()).as("photos flagged truncated").isPositive();
        assertThat(outcome.detector().failed().keySet()).anyMatch(reason -> reason.startsWith("image access failure: truncated: "));
        assertThat(outcome.kinds()).hasSize(DamagedPhotos.Kind.values().length);
    }

    @Test
    void theSameSeedMakesTheSameDamage() throws Exception {
        Path photos = SharedData.require("images");
        DamagedPhotos first = DamagedPhotos.of(photos, BadInputBenchmark.DEFAULT_SEED);
        DamagedPhotos second = DamagedPhotos.of(photos, BadInputBenchmark.DEFAULT_SEED);
        for (int i = 0; i < 50; i++) {
            DamagedPhotos.Mutant a = first.next();
            DamagedPhotos.Mutant b = second.next();
            assertThat(b.fileName()).isEqualTo(a.fileName());
            assertThat(b.bytes()).isEqualTo(a.bytes());
        }
    }
}
