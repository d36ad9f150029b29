package dk.munin.detector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetectorSettingsTest {

    @TempDir
    Path temp;

    private Map<String, String> env() throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("INPUT_URI", "s3://bucket/run/stage0/images.jsonl");
        env.put("OUTPUT_URI", temp.resolve("stage1").toString());
        env.put("DETECTOR_MODEL", Files.createFile(temp.resolve("model.onnx")).toString());
        return env;
    }

    @Test
    void appliesTheDocumentedDefaults() throws IOException {
        DetectorSettings settings = DetectorSettings.fromEnvironment(env());

        assertEquals(0.1f, settings.thresholds().minScore());
        assertEquals(0.45f, settings.thresholds().nmsIou());
        assertEquals("bucket", settings.input().bucket());
        assertEquals(temp.resolve("stage1"), settings.outputFolder().path());
    }

    @Test
    void readsThresholdsFromTheEnvironment() throws IOException {
        Map<String, String> env = env();
        env.put("DETECTOR_OUTPUT_THRESHOLD", "0.25");
        env.put("DETECTOR_NMS_IOU", " 0.6 ");

        DetectorSettings settings = DetectorSettings.fromEnvironment(env);

        assertEquals(0.25f, settings.thresholds().minScore());
        assertEquals(0.6f, settings.thresholds().nmsIou());
    }

    @Test
    void aMissingModelIsASettingsErrorThatSaysWhatToSet() throws IOException {
        Map<String, String> env = env();
        env.remove("DETECTOR_MODEL");

        DetectorFailure failure = assertThrows(DetectorFailure.class, () -> DetectorSettings.fromEnvironment(env));

        assertEquals(2, failure.exitCode());
        assertTrue(failure.getMessage().contains("set DETECTOR_MODEL to the path of"), failure.getMessage());
    }

    @Test
    void anUnreadableModelIsASettingsError() throws IOException {
        Map<String, String> env = env();
        env.put("DETECTOR_MODEL", temp.resolve("absent.onnx").toString());

        DetectorFailure failure = assertThrows(DetectorFailure.class, () -> DetectorSettings.fromEnvironment(env));

        assertEquals(2, failure.exitCode());
        assertTrue(failure.getMessage().startsWith("DETECTOR_MODEL=" + temp.resolve("absent.onnx") + " is not a readable file"));
    }

    @Test
    void aThresholdOutsideZeroToOneIsASettingsError() throws IOException {
        Map<String, String> env = env();
        env.put("DETECTOR_OUTPUT_THRESHOLD", "30");

        DetectorFailure failure = assertThrows(DetectorFailure.class, () -> DetectorSettings.fromEnvironment(env));

        assertEquals(2, failure.exitCode());
        assertTrue(failure.getMessage().contains("DETECTOR_OUTPUT_THRESHOLD=30"), failure.getMessage());
    }

    @Test
    void missingInputOrOutputIsASettingsError() throws IOException {
        for (String name : new String[] {"INPUT_URI", "OUTPUT_URI"}) {
            Map<String, String> env = env();
            env.remove(name);
            Files.delete(temp.resolve("model.onnx"));

            DetectorFailure failure = assertThrows(DetectorFailure.class, () -> DetectorSettings.fromEnvironment(env));

            assertEquals(2, failure.exitCode());
            assertTrue(failure.getMessage().startsWith(name + " is not set: set " + name + " to"), failure.getMessage());
        }
    }
}
