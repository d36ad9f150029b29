package dk.munin.detector;

import dk.munin.detector.model.ModelLayout;
import dk.munin.detector.output.ClassVocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetectorSettingsTest {

    private static final String SHA = "31cb14c017fce347cb4c846ec62fdf00d76bb3beecdf4be21e7116ac67feb880";

    @TempDir
    Path temp;

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("INPUT_URI", "s3://bucket/run/stage0/images.jsonl");
        env.put("OUTPUT_URI", temp.resolve("stage1").toString());
        env.put("DETECTOR_MODEL", "https://example.org/models/FastestDet.onnx");
        return env;
    }

    private static DetectorFailure failure(Map<String, String> env) {
        DetectorFailure failure = assertThrows(DetectorFailure.class, () -> DetectorSettings.fromEnvironment(env));
        assertEquals(DetectorFailure.BAD_SETTINGS, failure.exitCode(), failure.getMessage());
        return failure;
    }

    @Test
    void appliesTheDocumentedDefaults() {
        Map<String, String> env = env();
        env.put("XDG_CACHE_HOME", temp.resolve("xdg").toString());
        DetectorSettings settings = DetectorSettings.fromEnvironment(env);

        assertEquals(0.1f, settings.thresholds().minScore());
        assertEquals(0.45f, settings.thresholds().nmsIou());
        assertEquals("bucket", settings.input().bucket());
        assertEquals(temp.resolve("stage1"), settings.outputFolder().path());
        assertNull(settings.modelSha256());
        assertEquals(temp.resolve("xdg/munin/models"), settings.modelCache());
        assertNull(settings.layout(), "detected from the model");
        assertNull(settings.classes(), "chosen by the class count");
        assertEquals(1280, settings.inputSize());
        assertEquals(100, settings.checkpointEvery());
        assertEquals(Runtime.getRuntime().availableProcessors(), settings.threads());
        assertTrue(settings.reducedDecode());
        assertEquals(Shard.whole(), settings.shard());
    }

    @Test
    void withoutXdgTheCacheIsInTheUsersHome() {
        assertEquals(Path.of(System.getProperty("user.home"), ".cache", "munin", "models"),
                DetectorSettings.fromEnvironment(env()).modelCache());
    }

    @Test
    void readsEveryVariableFromTheEnvironment() {
        Map<String, String> env = env();
        env.put("DETECTOR_OUTPUT_THRESHOLD", "0.25");
        env.put("DETECTOR_NMS_IOU", " 0.6 ");
        env.put("DETECTOR_MODEL_SHA256", SHA.toUpperCase());
        env.put("DETECTOR_MODEL_CACHE", temp.resolve("cache").toString());
        env.put("DETECTOR_LAYOUT", "yolov5");
        env.put("DETECTOR_CLASSES", "MegaDetector");
        env.put("DETECTOR_INPUT_SIZE", "640");
        env.put("DETECTOR_CHECKPOINT_EVERY", "0");
        env.put("DETECTOR_THREADS", "3");
        env.put("DETECTOR_REDUCED_DECODE", "false");
        env.put("AWS_BATCH_JOB_ARRAY_INDEX", "2");
        env.put("MUNIN_SHARD_COUNT", "3");

        DetectorSettings settings = DetectorSettings.fromEnvironment(env);

        assertEquals(0.25f, settings.thresholds().minScore());
        assertEquals(0.6f, settings.thresholds().nmsIou());
        assertEquals(SHA, settings.modelSha256(), "lower-cased");
        assertEquals(temp.resolve("cache"), settings.modelCache());
        assertEquals(ModelLayout.YOLOV5, settings.layout());
        assertEquals(ClassVocabulary.MEGADETECTOR, settings.classes());
        assertEquals(640, settings.inputSize());
        assertEquals(0, settings.checkpointEvery());
        assertEquals(3, settings.threads());
        assertFalse(settings.reducedDecode());
        assertEquals(new Shard(2, 3), settings.shard());
    }

    @Test
    void stopLimitsAreUnsetByDefaultAndReadAsSecondsAndAnInstantWithAnyOffset() {
        assertTrue(DetectorSettings.fromEnvironment(env()).stopLimits().isNone());
        Map<String, String> env = env();
        env.put("DETECTOR_STOP_AFTER_SECONDS", "172800.0");
        env.put("DETECTOR_STOP_AT", "2026-12-04T09:00:00+01:00");

        StopLimits limits = DetectorSettings.fromEnvironment(env).stopLimits();

        assertEquals(172800.0, limits.stopAfterSeconds());
        assertEquals(Instant.parse("2026-12-04T08:00:00Z"), limits.stopAt());
    }

    @Test
    void thePricePerHourIsOptionalAndReadInDkk() {
        assertNull(DetectorSettings.fromEnvironment(env()).pricePerHourDkk());
        Map<String, String> env = env();
        env.put("DETECTOR_PRICE_PER_HOUR_DKK", "0.4191");

        assertEquals(0.4191, DetectorSettings.fromEnvironment(env).pricePerHourDkk());
        env.put("DETECTOR_PRICE_PER_HOUR_DKK", "free");
        assertTrue(failure(env).getMessage().startsWith("DETECTOR_PRICE_PER_HOUR_DKK=free is not a price in DKK of at least 0"));
    }

    @Test
    void autoMeansDetectTheLayoutAndClasses() {
        Map<String, String> env = env();
        env.put("DETECTOR_LAYOUT", "auto");
        env.put("DETECTOR_CLASSES", "AUTO");
        DetectorSettings settings = DetectorSettings.fromEnvironment(env);
        assertNull(settings.layout());
        assertNull(settings.classes());
    }

    @Test
    void aMissingModelIsASettingsErrorThatSaysWhatToSet() {
        Map<String, String> env = env();
        env.remove("DETECTOR_MODEL");

        assertTrue(failure(env).getMessage().startsWith("DETECTOR_MODEL is not set: set DETECTOR_MODEL to the detector's ONNX model"));
    }

    @Test
    void wrongValuesAreSettingsErrorsNamingTheVariable() {
        Map<String, Map.Entry<String, String>> cases = Map.of(
                "DETECTOR_OUTPUT_THRESHOLD=30", Map.entry("DETECTOR_OUTPUT_THRESHOLD", "30"),
                "DETECTOR_MODEL_SHA256=abc is not a SHA-256", Map.entry("DETECTOR_MODEL_SHA256", "abc"),
                "DETECTOR_LAYOUT=yolov7 is not usable: unknown layout", Map.entry("DETECTOR_LAYOUT", "yolov7"),
                "DETECTOR_CLASSES=imagenet", Map.entry("DETECTOR_CLASSES", "imagenet"),
                "DETECTOR_INPUT_SIZE=1000 is not a multiple of 64", Map.entry("DETECTOR_INPUT_SIZE", "1000"),
                "DETECTOR_CHECKPOINT_EVERY=-1 is not a whole number", Map.entry("DETECTOR_CHECKPOINT_EVERY", "-1"),
                "DETECTOR_THREADS=0", Map.entry("DETECTOR_THREADS", "0"),
                "DETECTOR_REDUCED_DECODE=yes is not true or false", Map.entry("DETECTOR_REDUCED_DECODE", "yes"),
                "DETECTOR_STOP_AFTER_SECONDS=-5 is not a number of seconds of at least 0", Map.entry("DETECTOR_STOP_AFTER_SECONDS", "-5"),
                "DETECTOR_STOP_AT=tomorrow is not an ISO-8601 instant", Map.entry("DETECTOR_STOP_AT", "tomorrow"));
        cases.forEach((expected, variable) -> {
            Map<String, String> env = env();
            env.put(variable.getKey(), variable.getValue());
            String message = failure(env).getMessage();
            assertTrue(message.startsWith(expected), message);
        });
    }

    @Test
    void aShardIndexNeedsTheShardCountAndMustBeBelowIt() {
        Map<String, String> env = env();
        env.put("AWS_BATCH_JOB_ARRAY_INDEX", "1");
        assertTrue(failure(env).getMessage().contains("MUNIN_SHARD_COUNT is not"));

        env.put("MUNIN_SHARD_COUNT", "1");
        assertTrue(failure(env).getMessage().startsWith("AWS_BATCH_JOB_ARRAY_INDEX=1 is not below MUNIN_SHARD_COUNT=1"));
    }

    @Test
    void aShardCountWithoutAnArrayIndexIsAWholeRun() {
        Map<String, String> env = env();
        env.put("MUNIN_SHARD_COUNT", "4");
        assertEquals(Shard.whole(), DetectorSettings.fromEnvironment(env).shard());
    }

    @Test
    void missingInputOrOutputIsASettingsError() {
        for (String name : new String[] {"INPUT_URI", "OUTPUT_URI"}) {
            Map<String, String> env = env();
            env.remove(name);

            String message = failure(env).getMessage();
            assertTrue(message.startsWith(name + " is not set: set " + name + " to"), message);
        }
    }
}
