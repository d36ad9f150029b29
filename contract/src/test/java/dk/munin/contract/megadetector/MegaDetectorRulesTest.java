package dk.munin.contract.megadetector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules themselves: they must accept a good file and find each kind of broken one. */
class MegaDetectorRulesTest {

    private static final String VALID = """
            {"info": {"format_version": "1.6", "detector": "FastestDet.onnx",
                      "detection_completion_time": "2026-01-02 03:04:05",
                      "detector_metadata": {"image_size": 352, "model_layout": "fastestdet", "model_input_shape": [1, 3, 352, 352],
                        "model_output_shape": [1, 85, 22, 22],
                        "model_sha256": "31cb14c017fce347cb4c846ec62fdf00d76bb3beecdf4be21e7116ac67feb880",
                        "input_format": "stretch, BGR, value / 255", "class_vocabulary": "coco80", "class_mapping": "table",
                        "output_confidence_threshold": 0.1, "nms_iou_threshold": 0.45, "reduced_decode": true,
                        "shard": {"index": 0, "count": 1, "first_entry": 0, "end_entry": 3, "entries": 3},
                        "timing": {"photos_timed": 3, "wall_seconds": 0.1, "photos_per_second": 30.0, "threads": 2,
                                   "mean_ms_per_photo": {"read": 0.1, "decode": 5.0, "preprocess": 1.0, "inference": 3.0, "postprocess": 0.1}}}},
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
        JsonNode valid = new ObjectMapper().readTree(VALID);

        assertEquals(List.of(), MegaDetectorRules.check(valid, FILES, 0.1));
        assertEquals(List.of(), MegaDetectorRules.checkDetectorMetadata(valid, 0.1));
    }

    @ParameterizedTest(name = "rejects {0}")
    @CsvSource(delimiter = '|', value = {
            "another format version      | \"1.6\"                    | \"1.4\"",
            "metadata without a checksum | \"model_sha256\"           | \"model_sha\"",
            "another threshold           | \"output_confidence_threshold\": 0.1 | \"output_confidence_threshold\": 0.2",
            "a shard of other size       | \"end_entry\": 3           | \"end_entry\": 4",
            "timing without a stage      | \"inference\": 3.0,        | ''",
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

        List<String> brokenRules = new java.util.ArrayList<>(MegaDetectorRules.check(broken, FILES, 0.1));
        brokenRules.addAll(MegaDetectorRules.checkDetectorMetadata(broken, 0.1));

        assertFalse(brokenRules.isEmpty(), what);
        assertThrows(InvalidBatchFile.class, () -> MegaDetectorRules.requireValid(brokenRules), what);
    }
}
