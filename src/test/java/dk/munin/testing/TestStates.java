package dk.munin.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.budget.RunEstimate;
import dk.munin.contract.storage.Location;
import dk.munin.exif.PhotoBatching;
import dk.munin.state.BudgetCheck;
import dk.munin.state.ConfidenceThresholds;
import dk.munin.state.CostEstimate;
import dk.munin.state.DetectionsMerged;
import dk.munin.state.DetectorLimit;
import dk.munin.state.DetectorTime;
import dk.munin.state.EventCounts;
import dk.munin.state.JobCost;
import dk.munin.state.Json;
import dk.munin.state.PhotoBatchPlan;
import dk.munin.state.PhotoCounts;
import dk.munin.state.WorstCase;

import java.util.Map;

/**
 * Whole sections of the workflow state for tests that hand a stage the state an earlier stage
 * would have left: the state is read strictly, so a section must have every one of its fields.
 */
public final class TestStates {

    private TestStates() {
    }

    /** Batches from 20 photos, 10 per invocation, 4 at a time, 50 % of the photos tolerated in failed batches. */
    public static final PhotoBatching BATCHES = new PhotoBatching(20, 10, 4, 50);

    /** A small run's plan: one Stage0Exif invocation. */
    public static final PhotoBatchPlan ONE_INVOCATION = BATCHES.plan(Location.parse("/photos"), Location.parse("/out/_work/s/"), 1);

    public static ObjectNode guardBudget(String workUri) {
        RunEstimate estimate = TestBudgets.detectorOnlyEstimate(1);
        return Json.MAPPER.valueToTree(new BudgetCheck(workUri, 25, estimate.detection(), estimate.breakdown(), ONE_INVOCATION));
    }

    public static ObjectNode stage0Exif(String imagesUri, int photosListed) {
        return Json.MAPPER.valueToTree(new PhotoCounts(imagesUri, "2.0", photosListed, photosListed, 0, 0, 0, 0, 0, 0,
                Map.of(), Map.of()));
    }

    public static ObjectNode costEstimation(String stage1Uri, int shards) {
        // 11 photos: 16.5 s of detection, which no shard count of a test divides into a whole number of seconds,
        // so the JSON number stays a decimal wherever it is read (JavaScript has no integers apart).
        RunEstimate estimate = TestBudgets.detectorOnlyEstimate(11);
        JobCost cost = estimate.detection();
        return Json.MAPPER.valueToTree(new CostEstimate(cost, shards, cost.detectorSeconds() / shards, stage1Uri,
                WorstCase.of(2, shards, 3600, cost.detectorSeconds() / shards, cost.pricePerHourDkk(), 0), estimate.breakdown(),
                estimate.speed(), true, new DetectorLimit(cost.detectorSeconds() * 3 / shards, "2026-12-04T08:00:00Z")));
    }

    public static ObjectNode mergeDetections(String detectionsUri) {
        return Json.MAPPER.valueToTree(new DetectionsMerged(1, false, 1, detectionsUri, 0, null, new DetectorTime(1, 1, 1.5, 4.25)));
    }

    public static ObjectNode stage2Post(String eventsUri) {
        return Json.MAPPER.valueToTree(new EventCounts(eventsUri, "detector", "coco", new ConfidenceThresholds(0.3, 0.3, 0.3),
                0, 0, 0, 0, 0, 0, eventsUri.replaceFirst("[^/]*$", "record_table.csv"), 0, 0,
                eventsUri.replaceFirst("[^/]*$", "repeat_detections.json"), eventsUri.replaceFirst("[^/]*$", "detections.parquet"), null));
    }
}
