package dk.munin.stage.stage0exif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.contract.progress.ProgressMeter;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.exif.PhotoBatchShard;
import dk.munin.exif.PhotoBatches;
import dk.munin.exif.PhotoInventory;
import dk.munin.exif.Stage0Settings;
import dk.munin.manifest.DeploymentTable;
import dk.munin.manifest.InvalidManifest;
import dk.munin.manifest.ManifestLocations;
import dk.munin.state.Json;
import dk.munin.state.PhotoBatchInput;
import dk.munin.state.PhotoCounts;
import dk.munin.state.RunState;
import dk.munin.state.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;

import static dk.munin.state.RunState.need;

/**
 * Stage0Exif: every photo's time, camera and position into {@code stage0/images.jsonl}
 * (docs/images-jsonl.md), judged against the manifest's time zone and deployments. One function
 * with three entries, as the workflow calls it (docs/scale.md): the whole run in one invocation
 * (the Stage0Exif state); one batch of a large run, handed {@code {"BatchInput", "Items"}} by the
 * Distributed Map (ReadPhotoBatch); and the join of the batches' shards (MergePhotoBatches, whose
 * state has {@code stage0_batches}). The first and the last write the same images.jsonl.
 */
public class Stage0Exif {

    public static final String IMAGES_JSONL = "stage0/images.jsonl";
    private static final Stage STAGE = Stage.STAGE0_EXIF;

    private static final Logger LOG = LoggerFactory.getLogger(Stage0Exif.class);

    private final PhotoInventory inventory;
    private final PhotoBatches batches;
    private final Stage0Settings settings;

    public Stage0Exif(PhotoInventory inventory, PhotoBatches batches, Stage0Settings settings) {
        this.inventory = inventory;
        this.batches = batches;
        this.settings = settings;
    }

    /** The stage reading through {@code store}, whole or in batches. */
    public static Stage0Exif of(ObjectStore store, Stage0Settings settings, Clock clock) {
        PhotoInventory inventory = new PhotoInventory(store, settings, clock);
        return new Stage0Exif(inventory, new PhotoBatches(store, inventory, settings), settings);
    }

    public ObjectNode run(JsonNode input) {
        if (input != null && input.has(PhotoBatchInput.ITEMS)) {
            return Json.MAPPER.valueToTree(readBatch(PhotoBatchInput.read(STAGE, input)));
        }
        RunState state = RunState.read(STAGE, input);
        int maxImages = need(STAGE, RunState.MAX_IMAGES, state.maxImages());
        // GuardBudget counted the photos this stage will read: the ETA's total
        long expected = state.guardBudget() == null ? maxImages : state.guardBudget().guardEstimate().fileCount();
        String inputUri = need(STAGE, RunState.INPUT_URI, state.inputUri());
        String outputUri = need(STAGE, RunState.OUTPUT_URI, state.outputUri());
        PhotoCounts counts = state.stage0Batches() == null
                ? read(inputUri, outputUri, maxImages, state.timeZone(), state.deployments(), progress(expected))
                : batches.merge(Location.parse(state.stage0Batches().resultsUri()), Location.parse(inputUri), maxImages,
                        deployments(state), Location.parse(outputUri).resolve(IMAGES_JSONL), progress(expected));
        return state.withStage0Exif(counts).toJson();
    }

    /** One batch of a Distributed Map: its photos into a shard, judged as the whole run's are. */
    private PhotoBatchShard readBatch(PhotoBatchInput batch) {
        RunState state = batch.state();
        String workUri = need(STAGE, RunState.GUARD_BUDGET, state.guardBudget()).workUri();
        return batches.read(Location.parse(need(STAGE, RunState.INPUT_URI, state.inputUri())), batch.items(),
                zone(state.timeZone()), deployments(state), Location.parse(workUri), progress(batch.items().size()));
    }

    private DeploymentTable deployments(RunState state) {
        return DeploymentTable.parse(state.deployments(), zone(state.timeZone()), settings.deploymentLimits());
    }

    /** Progress lines in the log (the console of a local run, CloudWatch Logs on AWS) while the photos are read. */
    private ProgressMeter progress(long expected) {
        return new ProgressMeter(expected, System::nanoTime, null, line -> LOG.info("{} {}", STAGE.stateName(), line),
                settings.progressEveryPhotos(), settings.progressEverySeconds());
    }

    /**
     * The stage's work without the workflow state around it, for {@code munin stage0}: binding
     * the state as JSON would start Jackson's object mapping, most of a short command's start-up.
     *
     * @param timeZone    the manifest's time_zone, or null
     * @param deployments the manifest's deployments table as written, or null
     * @param progress    what each photo read advances
     */
    public PhotoCounts read(String inputUri, String outputUri, int maxImages, String timeZone, JsonNode deployments,
                            ProgressMeter progress) {
        ZoneId zone = zone(timeZone);
        DeploymentTable table = DeploymentTable.parse(deployments, zone, settings.deploymentLimits());
        Location input = Location.parse(inputUri);
        Location output = Location.parse(outputUri);
        ManifestLocations.refuseOverlap(input, output); // munin stage0 takes its folders from the command line, not a manifest
        return inventory.take(input, maxImages, zone, table, output.resolve(IMAGES_JSONL), progress);
    }

    /** For {@code munin stage0}, which prints its own summary: the photos to come are not counted first. */
    public PhotoCounts read(String inputUri, String outputUri, int maxImages, String timeZone, JsonNode deployments) {
        return read(inputUri, outputUri, maxImages, timeZone, deployments, progress(0));
    }

    private static ZoneId zone(String timeZone) {
        if (timeZone == null) {
            return null;
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new InvalidManifest(RunState.TIME_ZONE,
                    "must be an IANA time zone such as Europe/Copenhagen or a fixed offset such as +01:00, got \"" + timeZone + "\"");
        }
    }
}
