package dk.munin.stage.costestimation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.budget.CostMetric;
import dk.munin.budget.CostModel;
import dk.munin.budget.DetectionBudget;
import dk.munin.budget.DetectorStop;
import dk.munin.contract.storage.Location;
import dk.munin.state.CostEstimate;
import dk.munin.state.DetectorLimit;
import dk.munin.state.JobCost;
import dk.munin.state.RunState;
import dk.munin.state.Stage;

import java.time.Clock;

import static dk.munin.state.RunState.need;

/**
 * CostEstimation: prices the detection job for the photos Stage-0 actually read (the seed's
 * calculate_job_cost), checks the budget once more, since the guard only counted names, and
 * decides how many shards the job runs as so each fits in max_job_duration. Sharding does not
 * change the price: the same detector hours are spread over more containers. It also refuses a
 * run whose worst case (every attempt of every shard running the whole max_job_duration) is over
 * the budget, so no run can overrun it whatever Batch does.
 */
public class CostEstimation {

    private static final Stage STAGE = Stage.COST_ESTIMATION;

    private final CostModel costModel;
    private final DetectionBudget budget;
    private final CostMetric metric;
    /** The run's start when the state has no execution (a stage called on its own). */
    private final Clock clock;

    public CostEstimation(CostModel costModel, DetectionBudget budget, CostMetric metric) {
        this(costModel, budget, metric, Clock.systemUTC());
    }

    public CostEstimation(CostModel costModel, DetectionBudget budget, CostMetric metric, Clock clock) {
        this.costModel = costModel;
        this.budget = budget;
        this.metric = metric;
        this.clock = clock;
    }

    public ObjectNode estimate(JsonNode input) {
        RunState state = RunState.read(STAGE, input);
        int photos = need(STAGE, RunState.STAGE0_EXIF, state.stage0Exif()).photosListed();
        double budgetDkk = need(STAGE, RunState.BUDGET_DKK, state.budgetDkk());
        JobCost cost = costModel.price(photos, need(STAGE, RunState.USE_SPOT, state.useSpot()));
        DetectionBudget.Plan plan = budget.plan(cost, budgetDkk, need(STAGE, RunState.MAX_JOB_DURATION, state.maxJobDuration()));
        String stage1 = Location.parse(need(STAGE, RunState.OUTPUT_URI, state.outputUri())).resolve("stage1/").uri();
        // only a run that goes on to spend counts towards the cost alarm
        metric.record(cost.estimatedCostDkk(), state.execution() == null ? null : state.execution().id(), state.sessionId());
        double detectorBudgetDkk = budgetDkk;   // the whole budget until the other components' expected cost is taken off
        DetectorLimit limit = DetectorStop.limit(detectorBudgetDkk, cost.pricePerHourDkk(), plan.shards(),
                DetectorStop.runStart(state.execution(), clock),
                need(STAGE, RunState.MAX_RUNTIME_MIN, state.maxRuntimeMin()));
        return state.withCostEstimation(new CostEstimate(cost, plan.shards(), cost.detectorSeconds() / plan.shards(), stage1,
                plan.worstCase(), limit)).toJson();
    }
}
