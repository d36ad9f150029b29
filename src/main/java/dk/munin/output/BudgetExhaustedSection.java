package dk.munin.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.cluster.EventsFile;
import dk.munin.contract.megadetector.DetectionStop;
import dk.munin.state.DetectionsMerged;
import dk.munin.state.Json;
import dk.munin.state.RunState;

import java.util.List;
import java.util.Locale;

/**
 * The run report's {@code budget_exhausted}: the detector stopped at its budget or at
 * max_runtime_min, the outputs hold the photos it detected, and these are the ones it did not
 * reach. Null when it reached every photo. The workflow ends BudgetExhausted after the report is
 * written, so the report is where a researcher reads what the run covers.
 */
final class BudgetExhaustedSection {

    /** Photos named in the report; a larger run says how many more there are (stage1/detections.json has them all). */
    static final int NOT_DETECTED_LISTED = 1000;

    private BudgetExhaustedSection() {
    }

    static JsonNode of(RunState state, EventsFile events) {
        DetectionsMerged merged = state.mergeDetections();
        if (merged == null || merged.stopped() == null) {
            return NullNode.getInstance();
        }
        DetectionStop stop = DetectionStop.ofId(merged.stopped()).orElse(DetectionStop.BUDGET);
        List<String> notDetected = events.detectorFailures().stream()
                .filter(failure -> DetectionStop.ofFailure(failure.failure()).isPresent())
                .map(EventsFile.DetectorFailure::file)
                .toList();
        int detected = merged.photos() - merged.photosNotDetected();
        ObjectNode section = Json.object();
        section.put("reason", stop.id());
        section.put("message", String.format(Locale.ROOT, "Detection stopped because %s after %d of %d photos; the outputs cover those %d, "
                        + "and not_detected_photos lists the %d not detected", stop.inWords(), detected, merged.photos(), detected,
                merged.photosNotDetected()));
        section.put("photos", merged.photos());
        section.put("photos_detected", detected);
        section.put("photos_not_detected", merged.photosNotDetected());
        ArrayNode listed = section.putArray("not_detected_photos");
        notDetected.stream().limit(NOT_DETECTED_LISTED).forEach(listed::add);
        section.put("not_detected_photos_not_listed", Math.max(0, notDetected.size() - NOT_DETECTED_LISTED));
        section.set("detector_limit", state.costEstimation() == null ? NullNode.getInstance()
                : Json.MAPPER.valueToTree(state.costEstimation().detectorLimit()));
        return section;
    }
}
