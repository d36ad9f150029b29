package dk.munin.stage.stage2post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.cluster.IndependenceRules;
import dk.munin.contract.megadetector.BatchInfo;
import dk.munin.contract.megadetector.Detection;
import dk.munin.contract.megadetector.DetectionStop;
import dk.munin.contract.megadetector.ImageEntry;
import dk.munin.contract.megadetector.MegaDetectorFile;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.contract.storage.Location;
import dk.munin.exif.Stage0Fixtures;
import dk.munin.manifest.SpeciesFrom;
import dk.munin.stage.stage0exif.Stage0ExifTest;
import dk.munin.state.Json;
import dk.munin.testing.TestStates;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Stage-0 over a folder of real photos, a detections file of the test's making, and Stage-2:
 * the photos' own times, cameras and sequences with the boxes a test chooses.
 */
public final class Stage2Fixture {

    private Stage2Fixture() {
    }

    /**
     * @param boxesOf the detector's boxes for each photo (its file below the folder); null for a photo the
     *                detector stopped before, at its budget
     * @return the state Stage-2 returned
     */
    public static JsonNode run(Path photos, Path out, SpeciesFrom speciesFrom, IndependenceRules events,
                               Function<String, List<Detection>> boxesOf) throws IOException {
        return run(photos, out, Json.object(), speciesFrom, events, boxesOf);
    }

    /** @param manifestFields more of the manifest, e.g. time_zone, deployments or project */
    public static JsonNode run(Path photos, Path out, ObjectNode manifestFields, SpeciesFrom speciesFrom, IndependenceRules events,
                               Function<String, List<Detection>> boxesOf) throws IOException {
        LocalFileStore store = new LocalFileStore();
        ObjectNode manifest = Json.object().put("input_uri", photos.toString()).put("output_uri", out.toString()).put("max_images", 1000);
        manifest.setAll(manifestFields);
        ObjectNode state = (ObjectNode) Stage0Fixtures.stage(store, Stage0Fixtures.NOW, Map.of()).run(manifest);
        List<ImageEntry> detected = Stage0ExifTest.lines(state).stream()
                .map(line -> entry(line.path("file").asText(), boxesOf.apply(line.path("file").asText()))).toList();
        Location detections = Location.of(out.resolve("stage1/detections.json"));
        store.write(detections, MegaDetectorFile.write(new BatchInfo("md_v5a.0.0.pt", "2024-06-01 00:00:00", null), detected));
        state.put("session_id", "fixture").put("species_from", speciesFrom.manifestName());
        state.set("events", Json.MAPPER.valueToTree(events.toState()));
        state.set("guard_budget", TestStates.guardBudget(Location.of(out.resolve("_work/fixture")).asFolder().uri()));
        state.set("merge_detections", TestStates.mergeDetections(detections.uri()));
        return new Stage2Post(store, Stage2PostTest.SETTINGS, Stage2PostTest.CLOCK).run(state);
    }

    private static ImageEntry entry(String file, List<Detection> boxes) {
        return boxes == null ? ImageEntry.notDetected(file, DetectionStop.BUDGET) : ImageEntry.detected(file, boxes);
    }
}
