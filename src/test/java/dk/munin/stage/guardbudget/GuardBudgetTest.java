package dk.munin.stage.guardbudget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.budget.BudgetExceeded;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.contract.storage.Location;
import dk.munin.exif.PhotoListing;
import dk.munin.manifest.InvalidManifest;
import dk.munin.manifest.ManifestRules;
import dk.munin.manifest.ManifestRulesTest;
import dk.munin.state.Json;
import dk.munin.state.RunState;
import dk.munin.state.Stage;
import dk.munin.testing.TestBudgets;
import dk.munin.testing.TestStates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GuardBudgetTest {

    @TempDir
    Path dir;

    // 1000 ms per frame at 3.6 DKK/h on demand: 0.001 DKK per photo; spot half that.
    private final GuardBudget guard = new GuardBudget(new ManifestRules(ManifestRulesTest.DEFAULTS),
            new PhotoListing(new LocalFileStore(), "jpg,jpeg"), TestBudgets.detectorOnlyBudget(1000, 1.8, 3.6, 100), TestStates.BATCHES);

    @Test
    void pricesTheSeedsFormulaFromThePhotosFound() throws IOException {
        photos(10);
        Files.writeString(dir.resolve("photos/notes.txt"), "not a photo");

        JsonNode state = guard.guard(manifest(1.0, false));

        JsonNode estimate = state.path("guard_budget").path("guard_estimate");
        assertThat(estimate.path("file_count").asInt()).isEqualTo(10);
        assertThat(estimate.path("estimated_hours").asDouble()).isCloseTo(10 * 1000 / 3_600_000.0, within(1e-12));
        assertThat(estimate.path("estimated_cost").asDouble()).isCloseTo(0.01, within(1e-12));
        assertThat(estimate.path("cost_per_file").asDouble()).isCloseTo(0.001, within(1e-12));
        assertThat(estimate.path("compute").asText()).isEqualTo("c5.xlarge on-demand");
    }

    @Test
    void refusesARunOverBudgetWithEstimateAndBudgetInTheMessage() throws IOException {
        photos(10);

        assertThatThrownBy(() -> guard.guard(manifest(0.0099, false)))
                .isInstanceOf(BudgetExceeded.class)
                .hasMessageContaining("Estimated cost 0.0100 DKK")
                .hasMessageContaining("budget_dkk 0.0099 DKK")
                .hasMessageContaining("detector 0.0100 DKK (10 photos x 1000 ms/frame at 3.60 DKK/hour, c5.xlarge on-demand), detector_start 0.0000")
                // 0.001 DKK a photo on demand: 0.0099 DKK pays for 9 photos; 10 need 0.01 DKK
                .hasMessageEndingWith("Raise budget_dkk to at least 0.01, or lower max_images to at most 9.");
    }

    @Test
    void aBudgetBelowTheWorstCaseIsRefusedBeforeAPhotoIsRead() throws IOException {
        photos(10);

        // expected 10 x 1 s at 3.6 DKK/h = 0.01 DKK fits 0.5; the worst case, 2 attempts x 1 shard x 1 h x 3.6, is 7.2
        assertThatThrownBy(() -> guard.guard(manifest(0.5, false).put("max_job_duration", 3600)))
                .isInstanceOf(BudgetExceeded.class)
                .hasMessageStartingWith("Worst-case cost 7.2000 DKK exceeds budget_dkk 0.5 DKK, although the expected cost is 0.0100 DKK")
                .hasMessageContaining("Lower max_job_duration to at most 250 s, or raise budget_dkk to at least 7.2.");
    }

    @Test
    void spotPricingAndMaxImagesLowerTheEstimate() throws IOException {
        photos(10);
        ObjectNode manifest = manifest(0.07, true);
        manifest.put("max_images", 4);

        JsonNode estimate = guard.guard(manifest).path("guard_budget").path("guard_estimate");

        assertThat(estimate.path("file_count").asInt()).isEqualTo(4);
        assertThat(estimate.path("estimated_cost").asDouble()).isCloseTo(0.002, within(1e-12));
    }

    @Test
    void writesTheEffectiveSettingsAndTheWorkFolderIntoTheState() throws IOException {
        photos(1);

        RunState state = RunState.read(Stage.STAGE0_EXIF, guard.guard(manifest(1.0, true)));

        assertThat(state.sessionId()).startsWith("run-");
        assertThat(state.maxImages()).isEqualTo(10_000);
        assertThat(state.guardBudget().workUri()).isEqualTo(Location.of(dir.resolve("out")).resolve("_work/" + state.sessionId() + "/").uri());
    }

    @Test
    void aMissingInputFolderIsAManifestError() {
        assertThatThrownBy(() -> guard.guard(manifest(1.0, true)))
                .isInstanceOf(InvalidManifest.class).hasMessageContaining("'input_uri'").hasMessageContaining("no folder");
    }

    private void photos(int count) throws IOException {
        Files.createDirectories(dir.resolve("photos/cam1"));
        for (int i = 0; i < count; i++) {
            Files.write(dir.resolve("photos/cam1/IMG" + i + ".JPG"), new byte[]{1});
        }
    }

    private ObjectNode manifest(double budget, boolean spot) {
        ObjectNode manifest = Json.object();
        manifest.put("input_uri", dir.resolve("photos").toString());
        manifest.put("output_uri", dir.resolve("out").toString());
        manifest.put("budget_dkk", budget);
        manifest.put("use_spot", spot);
        // the shortest attempt Batch allows keeps the worst case (2 attempts x 60 s, at most 0.12 DKK) within the budgets here
        manifest.put("max_job_duration", 60);
        return manifest;
    }
}
