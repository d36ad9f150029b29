package dk.munin.stage.stage0exif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.contract.progress.ProgressMeter;
import dk.munin.contract.storage.Location;
import dk.munin.exif.PhotoInventory;
import dk.munin.exif.Stage0Settings;
import dk.munin.manifest.DeploymentTable;
import dk.munin.manifest.InvalidManifest;
import dk.munin.manifest.ManifestLocations;
import dk.munin.state.PhotoCounts;
import dk.munin.state.RunState;
import dk.munin.state.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.DateTimeException;
import java.time.ZoneId;

import static dk.munin.state.RunState.need;

/**
 * Stage0Exif: every photo's time, camera and position into {@code stage0/images.jsonl}
 * (docs/images-jsonl.md), judged against the manifest's time zone and deployments.
 */
public class Stage0Exif {

    public static final String IMAGES_JSONL = "stage0/images.jsonl";
    private static final Stage STAGE = Stage.STAGE0_EXIF;

    private static final Logger LOG = LoggerFactory.getLogger(Stage0Exif.class);

    private final PhotoInventory inventory;
    private final Stage0Settings settings;

    public Stage0Exif(PhotoInventory inventory, Stage0Settings settings) {
        this.inventory = inventory;
        this.settings = settings;
    }

    public ObjectNode run(JsonNode input) {
        RunState state = RunState.read(STAGE, input);
        int maxImages = need(STAGE, RunState.MAX_IMAGES, state.maxImages());
        // GuardBudget counted the photos this stage will read: the ETA's total
        long expected = state.guardBudget() == null ? maxImages : state.guardBudget().guardEstimate().fileCount();
        PhotoCounts counts = read(need(STAGE, RunState.INPUT_URI, state.inputUri()), need(STAGE, RunState.OUTPUT_URI, state.outputUri()),
                maxImages, state.timeZone(), state.deployments(), progress(expected));
        return state.withStage0Exif(counts).toJson();
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
