package dk.munin.detector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.munin.contract.megadetector.ImageEntry;
import dk.munin.contract.testing.SharedData;
import dk.munin.detector.testing.LogCapture;
import dk.munin.detector.testing.PhotoListFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hard stop: DETECTOR_STOP_AFTER_SECONDS and DETECTOR_STOP_AT with FastestDet on shared
 * photos, in process. Time is a clock that moves one second each time the run looks at it, so
 * where the run stops follows from the rule (stop when the next photo, at the mean time per
 * photo so far, would pass the limit), not from this machine's speed. DetectorJarIT stops the
 * packaged jar on the real clock.
 */
class DetectorStopTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double OUTPUT_THRESHOLD = 0.1;
    private static final Instant START = Instant.parse("2026-12-02T08:00:00Z");
    private static final List<String> PHOTOS = List.of(
            "speciesnet_test_data/human.jpg",
            "speciesnet_test_data/vehicle.jpg",
            "speciesnet_test_data/domestic_cattle.jpg",
            "speciesnet_test_data/blank.jpg",
            "speciesnet_test_data/blank2.jpg",
            "speciesnet_test_data/blank3.jpg",
            "speciesnet_test_data/african_elephants.jpg");

    @TempDir
    Path temp;
    /** A run stopped at a limit says so as a warning; asserted here, not printed. */
    @RegisterExtension
    final LogCapture log = new LogCapture();
    private PhotoListFile list;
    private Map<String, String> env;

    @BeforeEach
    void photoList() {
        Path model = SharedData.fastestDet();
        list = new PhotoListFile();
        PHOTOS.forEach(photo -> list.add(photo, SharedData.image(photo)));
        env = new HashMap<>();
        env.put("INPUT_URI", list.writeTo(temp.resolve("images.jsonl")).toString());
        env.put("DETECTOR_MODEL", model.toString());
        env.put("DETECTOR_THREADS", "2");
    }

    @Test
    void limitsFarAwayChangeNothingInTheOutput() throws IOException {
        JsonNode unlimited = run("unlimited", Map.of());
        JsonNode limited = run("far-limits", Map.of("DETECTOR_STOP_AFTER_SECONDS", "100000",
                "DETECTOR_STOP_AT", "2099-01-01T00:00:00Z"));

        assertEquals(unlimited.get("images"), limited.get("images"));
        assertFalse(limited.at("/info/detector_metadata").has("detection_stop"), "no stop, no detection_stop");
        assertTrue(log.warnings().isEmpty(), log.warnings().toString());
    }

    /**
     * The clock reads START+1 s when detection starts and one second more at each photo's check:
     * before photo k (k photos done) it is START+(k+2) s, the mean per photo (k+1)/k s. With 5.5 s
     * to spend: before photo 2, 4 s spent + 1.5 s = 5.5 s, not past the limit; before photo 3,
     * 5 s + 1.33 s is past it, so photos 0-2 are detected and 3-6 not.
     */
    @Test
    void aBudgetThatRunsOutStopsBeforeThePhotoThatWouldPassItAndMarksTheRest() throws IOException {
        JsonNode unlimited = run("unlimited", Map.of());

        Map<String, String> limited = withOutput("budget", Map.of("DETECTOR_STOP_AFTER_SECONDS", "5.5"));
        RunSummary summary = DetectorRun.run(limited, steppingClock(), START);
        JsonNode stopped = read("budget");

        MegaDetectorOutputValidator.validate(stopped, list.files(), OUTPUT_THRESHOLD);
        for (int i = 0; i < 3; i++) {
            assertEquals(unlimited.get("images").get(i), stopped.get("images").get(i), "photo " + i + " is detected as without a limit");
        }
        for (int i = 3; i < PHOTOS.size(); i++) {
            JsonNode image = stopped.get("images").get(i);
            assertEquals(PHOTOS.get(i), image.get("file").asText());
            assertEquals(ImageEntry.NOT_DETECTED_BUDGET, image.get("failure").asText());
            assertTrue(image.get("detections").isNull());
        }
        JsonNode stop = stopped.at("/info/detector_metadata/detection_stop");
        assertEquals("budget", stop.get("reason").asText());
        assertEquals(4, stop.get("photos_not_detected").asInt());
        assertEquals(5.5, stop.get("stop_after_seconds").asDouble());
        assertTrue(stop.get("stop_at").isNull());
        assertTrue(stop.get("seconds_spent").asDouble() <= 5.5 + 1, "it stopped before the limit, give or take the look at the clock: " + stop);
        assertEquals(7, summary.photos());
        assertEquals(0, summary.failed(), "a photo not reached is not one the detector failed on");
        assertEquals(4, summary.notDetected());
        assertTrue(summary.toString().endsWith("; stopped because the budget ran out: 4 photos not detected"), summary.toString());
        assertTrue(log.warnings().stream().anyMatch(w -> w.contains("stopped because the budget ran out: 4 photos not detected")),
                log.warnings().toString());
    }

    @Test
    void aStopAtAlreadyPastDetectsNothingAndStillWritesAValidFileOfEveryPhoto() throws IOException {
        RunSummary summary = DetectorRun.run(withOutput("late", Map.of("DETECTOR_STOP_AT", START.minusSeconds(60).toString())),
                steppingClock(), START);
        JsonNode stopped = read("late");

        MegaDetectorOutputValidator.validate(stopped, list.files(), OUTPUT_THRESHOLD);
        for (JsonNode image : stopped.get("images")) {
            assertEquals(ImageEntry.NOT_DETECTED_MAX_RUNTIME, image.get("failure").asText(), image.toString());
        }
        assertEquals("max_runtime_min", stopped.at("/info/detector_metadata/detection_stop/reason").asText());
        assertEquals(PHOTOS.size(), stopped.at("/info/detector_metadata/detection_stop/photos_not_detected").asInt());
        assertEquals(0, stopped.at("/info/detector_metadata/timing/photos_timed").asInt());
        assertEquals(PHOTOS.size(), summary.notDetected());
    }

    /**
     * A retry of a shard holds the same budget: the first attempt saves checkpoints (with what it
     * had spent) and then cannot write its output; the second, with a budget its own time alone
     * would not use up, continues after the checkpoints and stops at once, because the first
     * attempt's seconds count.
     */
    @Test
    void aRetryCountsWhatTheEarlierAttemptSpentFromItsCheckpoints() throws IOException {
        Map<String, String> attempt = withOutput("retry", Map.of("DETECTOR_CHECKPOINT_EVERY", "2"));
        Path blocked = Files.createDirectories(temp.resolve("retry/detections.json"));
        Files.writeString(blocked.resolve("in-the-way"), "the output cannot be renamed over a folder that is not empty");
        DetectorFailure cannotWrite = assertThrows(DetectorFailure.class, () -> DetectorRun.run(attempt, steppingClock(), START));
        assertTrue(cannotWrite.getMessage().startsWith("cannot write"), cannotWrite.getMessage());
        Files.delete(blocked.resolve("in-the-way"));
        Files.delete(blocked);

        // The first attempt saved 6 photos, having spent 10 s by then; on its own the retry would spend 2 s before its first photo.
        Map<String, String> retry = new HashMap<>(attempt);
        retry.put("DETECTOR_STOP_AFTER_SECONDS", "6");
        RunSummary summary = DetectorRun.run(retry, steppingClock(), START);
        JsonNode output = read("retry");

        MegaDetectorOutputValidator.validate(output, list.files(), OUTPUT_THRESHOLD);
        assertEquals(6, summary.resumed());
        assertEquals(1, summary.notDetected());
        assertEquals(ImageEntry.NOT_DETECTED_BUDGET, output.at("/images/6/failure").asText());
        assertTrue(output.at("/info/detector_metadata/detection_stop/seconds_spent").asDouble() > 6, output.at("/info").toString());
    }

    private JsonNode run(String name, Map<String, String> extra) throws IOException {
        DetectorRun.run(withOutput(name, extra), Clock.systemUTC(), Instant.now());
        return read(name);
    }

    private Map<String, String> withOutput(String name, Map<String, String> extra) {
        Map<String, String> run = new HashMap<>(env);
        run.put("OUTPUT_URI", temp.resolve(name).toString());
        run.putAll(extra);
        return run;
    }

    private JsonNode read(String name) throws IOException {
        return JSON.readTree(temp.resolve(name).resolve("detections.json").toFile());
    }

    /** START + 1 s at its first reading, one second more at each reading after it. */
    private static Clock steppingClock() {
        return new Clock() {
            private Instant now = START;

            @Override
            public synchronized Instant instant() {
                now = now.plus(Duration.ofSeconds(1));
                return now;
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
    }
}
