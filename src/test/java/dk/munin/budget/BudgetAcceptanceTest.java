package dk.munin.budget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.contract.settings.Settings;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.exif.PhotoListing;
import dk.munin.exif.Stage0Settings;
import dk.munin.manifest.ManifestDefaults;
import dk.munin.manifest.ManifestRules;
import dk.munin.stage.guardbudget.GuardBudget;
import dk.munin.state.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The budget cases with the real application.properties: its price table, its
 * uncalibrated speed for an AWS Batch detector, its policy for a worst case over the budget.
 */
class BudgetAcceptanceTest {

    @TempDir
    Path dir;

    private Path photos;

    @BeforeEach
    void fifteenHundredPhotos() throws IOException {
        photos = Files.createDirectories(dir.resolve("photos"));
        for (int i = 0; i < 1600; i++) {
            Files.write(photos.resolve(String.format("IMG_%04d.JPG", i)), new byte[]{1});
        }
    }

    @Test
    void twentyFiveKronerAndFifteenHundredPhotosPassTheGuardAtTheDefaultSpotPrices() {
        JsonNode state = guard(Map.of()).guard(manifest(25));

        JsonNode estimate = state.at("/guard_budget/guard_estimate");
        assertThat(estimate.path("file_count").asInt()).as("max_images caps the 1,600 listed").isEqualTo(1500);
        assertThat(estimate.path("compute").asText()).isEqualTo("c5.xlarge spot");
        // 1,500 x 1.5 s (uncalibrated for AWS Batch) = 0.625 h at c5.xlarge spot, $0.0655 x 6.40 DKK
        assertThat(estimate.path("estimated_cost").asDouble()).isBetween(0.25, 0.27);
        assertThat(state.at("/guard_budget/breakdown/total_dkk").asDouble()).isBetween(0.28, 0.40).isLessThan(25);
    }

    @Test
    void aBudgetBelowTheEstimateFailsInTheGuardWithTheNumbers() {
        assertThatThrownBy(() -> guard(Map.of()).guard(manifest(0.1)))
                .isInstanceOf(BudgetExceeded.class)
                .hasMessageStartingWith("Estimated cost 0.")
                .hasMessageContaining("exceeds budget_dkk 0.1 DKK: detector 0.2")
                .hasMessageContaining("(1500 photos x 1500 ms/frame at 0.42 DKK/hour, c5.xlarge spot)")
                // 15 state transitions (munin.budget.step-functions.transitions-per-run) x $0.025 per 1,000 x 6.40 DKK
                .hasMessageContaining("step_functions 0.0024")
                .hasMessageMatching("(?s).*Raise budget_dkk to at least 0\\.\\d+, or lower max_images to at most \\d{3}\\.");
    }

    @Test
    void aBudgetBetweenTheExpectedCostAndTheWorstCaseIsRefusedByDefaultAndSaysWhy() {
        // expected about 0.3 DKK; worst case 2 attempts x 1 shard x 1 h at m5.xlarge spot ($0.0775) = 0.99 DKK, plus the rest
        assertThatThrownBy(() -> guard(Map.of()).guard(manifest(0.5)))
                .isInstanceOf(BudgetExceeded.class)
                .hasMessageStartingWith("Worst-case cost 1.0")
                .hasMessageContaining("exceeds budget_dkk 0.5 DKK, although the expected cost is 0.")
                .hasMessageContaining("2 attempts x 1 shards x max_job_duration 3600 s at 0.50 DKK/hour")
                // (0.5 - the other components' ~0.017 DKK) / (2 x 0.496 DKK/hour): about 0.487 h
                .hasMessageMatching("(?s).*Lower max_job_duration to at most 17\\d\\d s, or raise budget_dkk to at least 1\\.01\\..*")
                .hasMessageContaining("(munin.budget.worst-case-over-budget = refuse; stop-at-budget would run it");
        JsonNode accepted = guard(Map.of("munin.budget.worst-case-over-budget", "stop-at-budget")).guard(manifest(0.5));
        assertThat(accepted.at("/guard_budget/breakdown/total_dkk").asDouble()).isLessThan(0.5);
    }

    @Test
    void aLocalRunSpendsNothingAndReportsCpuHours() {
        ObjectNode local = manifest(0.001);
        local.put("mode", "LOCAL");

        JsonNode breakdown = guard(Map.of()).guard(local).at("/guard_budget/breakdown");

        assertThat(breakdown.path("total_dkk").asDouble()).isZero();
        // 1,500 x 1.5 s on the instance's 4 vCPUs, and the stages
        assertThat(breakdown.path("cpu_hours").asDouble()).isGreaterThan(1500 * 1.5 * 4 / 3600);
    }

    private GuardBudget guard(Map<String, String> overrides) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.putAll(overrides);
        Settings settings = Settings.layered(List.of(properties), new Properties(), Map.of());
        BudgetSettings budget = BudgetSettings.from(settings);
        RunEstimator estimator = new RunEstimator(new ConfiguredSpeed(budget.msPerFrame(), budget.startupSeconds(), "c5.xlarge",
                "not measured on AWS"), budget.instance(), budget.pricing(), budget.usage(),
                new DetectionSharding(settings.integer("munin.detect.max-shards"), settings.decimal("munin.detect.shard-safety-fraction")),
                budget.detectorAttempts(), new RunEstimator.Where(true, 2));
        return new GuardBudget(new ManifestRules(ManifestDefaults.from(settings)), new PhotoListing(new LocalFileStore(), "jpg,jpeg"),
                new DetectionBudget(estimator, budget.overWorstCase(), settings.integer("munin.manifest.min-job-duration")),
                Stage0Settings.from(settings).batches());
    }

    private ObjectNode manifest(double budgetDkk) {
        ObjectNode manifest = Json.object();
        manifest.put("input_uri", photos.toString());
        manifest.put("output_uri", dir.resolve("out").toString());
        manifest.put("budget_dkk", budgetDkk);
        manifest.put("max_images", 1500);
        return manifest;
    }
}
