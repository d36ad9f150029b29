package dk.munin.budget;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.manifest.BudgetMode;
import dk.munin.state.CostBreakdown;
import dk.munin.state.CostEstimate;
import dk.munin.state.DetectorTime;
import dk.munin.state.Json;
import dk.munin.state.PhotoCounts;
import dk.munin.state.RunState;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The run report's {@code cost}: what the run was estimated to cost and what it actually cost,
 * component by component, with the estimate's error. Actual = measured durations and counts x
 * the same price table: the detector's own timing of each shard, each Lambda-hosted state's
 * duration in the execution history at its function's memory, the history's state transitions,
 * the S3 requests the stages made (one read of each photo's head, one of each photo detected,
 * the listings, one write per output file) and the outputs' size. Logs are not measured: they
 * are counted by the estimate's rule with the run's counts, and the section says so.
 */
public final class CostAccounting {

    /** What the accounting could not measure, for the report. */
    static final List<String> NOT_MEASURED = List.of(
            "logs: CloudWatch Logs ingestion is counted by the estimate's rule (munin.budget.logs.*) with the run's counts",
            "detector_start on AWS Batch: the instance's boot before the container starts is munin.budget.detector.instance-start-seconds");

    private final RunPricing pricing;
    private final DetectorInstance instance;
    private final UsageModel usage;
    private final RunEstimator.Where where;

    public CostAccounting(RunPricing pricing, DetectorInstance instance, UsageModel usage, RunEstimator.Where where) {
        this.pricing = pricing;
        this.instance = instance;
        this.usage = usage;
        this.where = where;
    }

    /** What a run measured of itself; durations of Lambda-hosted states by state name, in the order run. */
    public record Measured(List<StateDuration> states, long transitions, int filesWritten, long outputBytes, long outputObjects) {
    }

    /** One visit of a state: its name, how long it ran, and the attempts it took (each a Lambda request). */
    public record StateDuration(String state, Duration duration, int attempts) {
    }

    /** @return the section, or null when the run never got to CostEstimation */
    public ObjectNode account(RunState state, Measured measured) {
        CostEstimate estimate = state.costEstimation();
        if (estimate == null) {
            return null;
        }
        CostBreakdown estimated = estimate.breakdown();
        BudgetMode mode = BudgetMode.valueOf(estimated.mode());
        // the detector's hours at the very price the estimate used (0 in a LOCAL run)
        double perHour = estimate.estimate().pricePerHourDkk();
        DetectorTime detector = state.mergeDetections() == null ? DetectorTime.NONE : state.mergeDetections().detectorTime();
        CostBreakdown actual = pricing.price(actualUsage(state, measured, detector), mode, perHour);

        ObjectNode section = Json.object();
        section.put("mode", estimated.mode());
        section.put("region", estimated.region());
        section.put("usd_to_dkk", pricing.prices().usdToDkk());
        section.set("speed", Json.MAPPER.valueToTree(estimate.speed()));
        if (detector.photosTimed() > 0) {
            section.put("measured_ms_per_frame", detector.detectSeconds() * 1000 / detector.photosTimed());
            section.put("measured_startup_seconds_per_shard", detector.startSeconds() / detector.shardsTimed());
        } else {
            section.putNull("measured_ms_per_frame");
            section.putNull("measured_startup_seconds_per_shard");
        }
        section.set("estimated", Json.MAPPER.valueToTree(estimated));
        section.set("actual", Json.MAPPER.valueToTree(actual));
        section.set("estimate_error_percent", errors(estimated, actual));
        section.set("not_measured", Json.MAPPER.valueToTree(NOT_MEASURED));
        return section;
    }

    private RunUsage actualUsage(RunState state, Measured measured, DetectorTime detector) {
        double gbSeconds = 0;
        double seconds = 0;
        long requests = 0;
        for (StateDuration visit : measured.states()) {
            Integer memory = usage.memoryMb(visit.state()).orElse(null);
            if (memory != null) {
                double visitSeconds = visit.duration().toMillis() / 1000.0;
                seconds += visitSeconds;
                gbSeconds += visitSeconds * memory / 1024.0;
                requests += Math.max(1, visit.attempts());
            }
        }
        PhotoCounts stage0 = state.stage0Exif();
        long listed = stage0 == null ? 0 : stage0.photosListed();
        long detected = detector.photosTimed();
        double start = detector.startSeconds() + (where.batch() ? detector.shardsTimed() * instance.instanceStartSeconds() : 0);
        int cpus = where.batch() ? instance.vcpus() : where.localCpus();
        return new RunUsage(detector.detectSeconds(), start, cpus, gbSeconds, requests, seconds, measured.transitions(),
                listed + detected, measured.filesWritten() + UsageModel.listings(listed), RunPricing.gigabytes(measured.outputBytes()),
                measured.outputObjects(), usage.logsGb(requests, listed));
    }

    /** (estimated - actual) / actual, in percent: positive where the estimate was higher; null where nothing was spent. */
    private static ObjectNode errors(CostBreakdown estimated, CostBreakdown actual) {
        ObjectNode errors = Json.object();
        put(errors, "total", estimated.totalDkk(), actual.totalDkk());
        actual.components().forEach((name, cost) -> put(errors, name, estimated.dkk(name), cost.dkk()));
        return errors;
    }

    private static void put(ObjectNode errors, String name, double estimated, double actual) {
        if (actual > 0) {
            errors.put(name, Double.parseDouble(String.format(Locale.ROOT, "%.1f", (estimated - actual) / actual * 100)));
        } else {
            errors.putNull(name);
        }
    }
}
