package dk.munin.stage.guardbudget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.budget.DetectionBudget;
import dk.munin.budget.RunEstimate;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectNotFound;
import dk.munin.exif.PhotoBatching;
import dk.munin.exif.PhotoListing;
import dk.munin.manifest.InvalidManifest;
import dk.munin.manifest.Manifest;
import dk.munin.manifest.ManifestRules;
import dk.munin.state.BudgetCheck;
import dk.munin.state.PhotoBatchPlan;
import dk.munin.state.RunState;
import dk.munin.state.Stage;

/**
 * GuardBudget: the first stage. Refuses a bad manifest, then lists the photos and refuses a
 * run that would, or in the worst case could, cost more than budget_dkk, before anything is spent.
 */
public class GuardBudget {

    private final ManifestRules rules;
    private final PhotoListing listing;
    private final DetectionBudget budget;
    private final PhotoBatching batching;

    public GuardBudget(ManifestRules rules, PhotoListing listing, DetectionBudget budget, PhotoBatching batching) {
        this.rules = rules;
        this.listing = listing;
        this.budget = budget;
        this.batching = batching;
    }

    /** @param input the manifest as dropped or given, plus what the workflow's first state added */
    public ObjectNode guard(JsonNode input) {
        Manifest manifest = rules.validate(input);
        int photos = countPhotos(manifest);
        // the expected cost and the worst case, before a photo is read: CostEstimation asks again on the photos Stage-0 read
        RunEstimate estimate = budget.plan(photos, manifest.budget(), manifest.maxJobDuration()).estimate();
        String workUri = manifest.workFolder().uri();
        PhotoBatchPlan reading = batching.plan(Location.parse(manifest.inputUri()), manifest.workFolder(), photos);
        // Later stages read the effective values, so the defaults are written into the state once, here.
        return RunState.read(Stage.GUARD_BUDGET, input)
                .withGuardBudget(manifest.sessionId(), manifest.useSpot(), manifest.maxImages(), manifest.maxJobDuration(),
                        manifest.weatherDaysBack(), manifest.speciesFrom().manifestName(), manifest.events().toState(),
                        manifest.mode().name(), manifest.maxRuntimeMin(), new BudgetCheck(workUri, manifest.budgetDkk(), estimate.detection(), estimate.breakdown(), reading))
                .toJson();
    }

    private int countPhotos(Manifest manifest) {
        try {
            return listing.count(Location.parse(manifest.inputUri()), manifest.maxImages());
        } catch (ObjectNotFound e) {
            throw new InvalidManifest(RunState.INPUT_URI, "there is no folder or prefix at " + manifest.inputUri());
        }
    }
}
