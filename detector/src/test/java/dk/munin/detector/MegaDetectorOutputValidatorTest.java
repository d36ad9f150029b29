package dk.munin.detector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The validator itself: it must accept a good file and reject each kind of broken one. */
class MegaDetectorOutputValidatorTest {

    private static final String VALID = """
            {"info": {"format_version": "1.6", "detector": "FastestDet.onnx",
                      "detection_completion_time": "2026-01-02 03:04:05", "detector_metadata": {}},
             "detection_categories": {"1": "animal", "2": "person", "3": "vehicle"},
             "images": [
               {"file": "a.jpg", "detections": [{"category": "1", "conf": 0.9, "bbox": [0.0, 0.25, 1.0, 0.5]},
                                                {"category": "2", "conf": 0.3, "bbox": [0.1, 0.1, 0.2, 0.2]}]},
               {"file": "b.jpg", "detections": []},
               {"file": "c.JPG", "failure": "image access failure: empty file (0 bytes)", "detections": null}
             ]}
            """;
    private static final List<String> FILES = List.of("a.jpg", "b.jpg", "c.JPG");

    @Test
    void acceptsAFileThatFollowsEveryRule() throws Exception {
        MegaDetectorOutputValidator.validate(new ObjectMapper().readTree(VALID), FILES, 0.1);
    }

    @ParameterizedTest(name = "rejects {0}")
    @CsvSource(delimiter = '|', value = {
            "another format version      | \"1.6\"                    | \"1.4\"",
            "an extra top-level key      | \"images\": [             | \"extra\": 1, \"images\": [",
            "a renamed category          | \"3\": \"vehicle\"          | \"3\": \"car\"",
            "a failure with detections   | \"detections\": null      | \"detections\": []",
            "an unknown category         | \"category\": \"2\"         | \"category\": \"4\"",
            "an integer conf             | \"conf\": 0.9              | \"conf\": 1",
            "a conf below the threshold  | \"conf\": 0.3              | \"conf\": 0.05",
            "too many conf decimals      | \"conf\": 0.3              | \"conf\": 0.3001",
            "detections out of order     | \"conf\": 0.3              | \"conf\": 0.95",
            "a box past the right edge   | [0.1, 0.1, 0.2, 0.2]      | [0.9, 0.1, 0.2, 0.2]",
            "a box without area          | [0.1, 0.1, 0.2, 0.2]      | [0.1, 0.1, 0.0, 0.2]",
            "a box with 5 decimals       | [0.1, 0.1, 0.2, 0.2]      | [0.10001, 0.1, 0.2, 0.2]",
            "an image left out           | {\"file\": \"b.jpg\", \"detections\": []},  | ''",
            "an image listed twice       | \"file\": \"a.jpg\"         | \"file\": \"b.jpg\"",
    })
    void rejectsABrokenFile(String what, String original, String replacement) throws Exception {
        assertTrue(VALID.contains(original), "the test's original text is in the valid file: " + original);
        JsonNode broken = new ObjectMapper().readTree(VALID.replaceFirst(Pattern.quote(original), Matcher.quoteReplacement(replacement)));

        assertThrows(AssertionError.class, () -> MegaDetectorOutputValidator.validate(broken, FILES, 0.1), what);
    }
}
