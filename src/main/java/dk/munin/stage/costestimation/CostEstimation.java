package dk.munin.stage.costestimation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.budget.CostMetric;
import dk.munin.budget.DetectionBudget;
import dk.munin.budget.DetectorStop;
import dk.munin.budget.RunEstimate;
import dk.munin.contract.stage1.Stage1Files;
import dk.munin.contract.storage.Location;
import dk.munin.manifest.Budget;
import dk.munin.manifest.BudgetMode;
import dk.munin.state.CostEstimate;
import dk.munin.state.DetectorLimit;
import dk.munin.state.JobCost;
import dk.munin.state.RunState;
import dk.munin.state.Stage;

import java.time.Clock;

import static dk.munin.state.RunState.need;

/**
 * CostEstimation: prices the run for the photos Stage-0 actually read (the seed's
 * calculate_job_cost for the detector, and the other components), checks the budget once more,
 * since the guard only counted names, and decides how many shards the job runs as so each fits in
 * max_job_duration. Sharding does not change the detector's price: the same detector hours are
 * spread over more containers, which only add their start-up. It also checks the worst case
 * (every attempt of every shard running the whole max_job_duration) against the budget.
 */
public class CostEstimation {

    private static final Stage STAGE = Stage.COST_ESTIMATION;

    private final DetectionBudget budget;
    private final CostMetric metric;
    /** The run's start when the state has no execution (a stage called on its own). */
    private final Clock clock;

    public CostEstimation(DetectionBudget budget, CostMetric metric) {
        this(budget, metric, Clock.systemUTC());
    }

    public CostEstimation(DetectionBudget budget, CostMetric metric, Clock clock) {
        this.budget = budget;
        this.metric = metric;
        this.clock = clock;
    }

    public ObjectNode estimate(JsonNode input) {
        RunState state = RunState.read(STAGE, input);
        int photos = need(STAGE, RunState.STAGE0_EXIF, state.stage0Exif()).photosListed();
        DetectionBudget.Plan plan = budget.plan(photos, budgetOf(state), need(STAGE, RunState.MAX_JOB_DURATION, state.maxJobDuration()));
        RunEstimate estimate = plan.estimate();
        String stage1 = Stage1Files.folder(Location.parse(need(STAGE, RunState.OUTPUT_URI, state.outputUri()))).uri();
        // only a run that goes on to spend counts towards the cost alarm
        metric.record(estimate.breakdown().totalDkk(), state.execution() == null ? null : state.execution().id(), state.sessionId());
        JobCost detection = estimate.detection();
        // the shards may spend what the other components leave of the budget, their start-up included
        double detectorBudgetDkk = budgetDkk(state) - RunEstimate.otherThanDetection(estimate.breakdown());
        DetectorLimit limit = DetectorStop.limit(detectorBudgetDkk, detection.pricePerHourDkk(), plan.shards(),
                DetectorStop.runStart(state.execution(), clock), need(STAGE, RunState.MAX_RUNTIME_MIN, state.maxRuntimeMin()));
        return state.withCostEstimation(new CostEstimate(detection, plan.shards(), detection.detectorSeconds() / plan.shards(), stage1,
                estimate.worstCase(), estimate.breakdown(), estimate.speed(), plan.worstCaseWithinBudget(), limit)).toJson();
    }

    /** The seed's Budget, from the fields GuardBudget completed. */
    static Budget budgetOf(RunState state) {
        return new Budget(budgetDkk(state),
                BudgetMode.valueOf(need(STAGE, RunState.MODE, state.mode())),
                need(STAGE, RunState.MAX_RUNTIME_MIN, state.maxRuntimeMin()),
                need(STAGE, RunState.MAX_IMAGES, state.maxImages()),
                need(STAGE, RunState.USE_SPOT, state.useSpot()));
    }

    private static double budgetDkk(RunState state) {
        return need(STAGE, RunState.BUDGET_DKK, state.budgetDkk());
    }
}
