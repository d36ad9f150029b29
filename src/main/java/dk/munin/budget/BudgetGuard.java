package dk.munin.budget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.exif.PhotoListing;
import dk.munin.state.Json;
import dk.munin.state.RunState;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectNotFound;

/**
 * GuardBudget: the first stage. Refuses a bad manifest, then lists the photos and refuses a
 * run whose detection job would cost more than budget_dkk, before anything is spent.
 */
public class BudgetGuard {

    private final ManifestRules rules;
    private final PhotoListing listing;
    private final CostModel costModel;

    public BudgetGuard(ManifestRules rules, PhotoListing listing, CostModel costModel) {
        this.rules = rules;
        this.listing = listing;
        this.costModel = costModel;
    }

    public ObjectNode guard(JsonNode input) {
        Manifest manifest = rules.validate(input);
        int photos = countPhotos(manifest);
        JobCost cost = costModel.price(photos, manifest.useSpot());
        if (cost.exceeds(manifest.budgetDkk())) {
            throw new BudgetExceeded(cost, manifest.budgetDkk());
        }
        return withDefaults(RunState.of(input), manifest)
                .put(RunState.WORK_URI, Location.parse(manifest.outputUri()).resolve("_work/" + manifest.sessionId() + "/").uri())
                .put(RunState.BUDGET, budgetSummary(manifest, cost))
                .json();
    }

    private int countPhotos(Manifest manifest) {
        try {
            return listing.count(Location.parse(manifest.inputUri()), manifest.maxImages());
        } catch (ObjectNotFound e) {
            throw new InvalidManifest(RunState.INPUT_URI, "there is no folder or prefix at " + manifest.inputUri());
        }
    }

    /** Later stages read the effective values, so defaults are written into the state once, here. */
    private static RunState withDefaults(RunState state, Manifest manifest) {
        ObjectNode json = state.json();
        json.put(RunState.SESSION_ID, manifest.sessionId());
        json.put(RunState.USE_SPOT, manifest.useSpot());
        json.put(RunState.MAX_IMAGES, manifest.maxImages());
        json.put(RunState.MAX_JOB_DURATION, manifest.maxJobDuration());
        json.put(RunState.WEATHER_DAYS_BACK, manifest.weatherDaysBack());
        return state;
    }

    private static ObjectNode budgetSummary(Manifest manifest, JobCost cost) {
        ObjectNode summary = Json.object();
        summary.put("budget_dkk", manifest.budgetDkk());
        summary.set("guard_estimate", Json.MAPPER.valueToTree(cost));
        return summary;
    }
}
