package dk.munin.detector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.munin.contract.testing.TinyOnnxModel;
import dk.munin.detector.testing.PhotoListFile;
import dk.munin.detector.testing.TestPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The YOLOv5, YOLOv8 and suppression-inside (yolort / MegaDetectorLite) layouts end to end:
 * a tiny ONNX model written by the test plants raw outputs, the real ONNX Runtime runs it on a
 * generated photo, and the boxes in detections.json are checked against values worked out by
 * hand through the letterbox (scale, padding), the category table, suppression and clipping.
 */
class DetectorLayoutsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private JsonNode run(TinyOnnxModel model, int photoWidth, int photoHeight, Map<String, String> extra) throws IOException {
        Path modelFile = model.writeTo(temp.resolve("model.onnx"));
        Path photo = TestPhotos.jpeg(temp.resolve("photo.jpg"), photoWidth, photoHeight, 7);
        PhotoListFile list = new PhotoListFile().add("station/photo.jpg", photo);
        Map<String, String> env = new HashMap<>(extra);
        env.put("INPUT_URI", list.writeTo(temp.resolve("images.jsonl")).toString());
        env.put("OUTPUT_URI", temp.resolve("out").toString());
        env.put("DETECTOR_MODEL", modelFile.toString());
        env.put("DETECTOR_MODEL_CACHE", temp.resolve("cache").toString());
        DetectorRun.run(env);
        JsonNode output = JSON.readTree(temp.resolve("out/detections.json").toFile());
        MegaDetectorOutputValidator.validate(output, list.files(), 0.1);
        return output;
    }

    @Test
    void yoloV5RowsWithMegaDetectorClassesAreLetterboxedBackOntoThePhoto() throws IOException {
        // 640 input, photo 1280 x 960: scale 0.5, drawn 640 x 480, padding 80 above and below
        TinyOnnxModel model = TinyOnnxModel.yoloV5(640, 3,
                //          cx   cy   w    h    obj    animal person vehicle
                new float[] {320, 320, 200, 100, 0.9f, 0.1f, 0.8f, 0.05f},   // person 0.72
                new float[] {100, 100, 50, 50, 0.05f, 0.9f, 0f, 0f},          // objectness below the threshold
                new float[] {330, 320, 200, 100, 0.85f, 0.8f, 0.1f, 0f},     // animal 0.68 on the person: another category, kept
                new float[] {325, 322, 200, 100, 0.7f, 0f, 0.9f, 0f},        // person 0.63 on the person: suppressed
                new float[] {50, 80, 100, 80, 0.6f, 0f, 0f, 0.5f});          // vehicle 0.3 reaching into the padding: clipped

        JsonNode output = run(model, 1280, 960, Map.of());

        assertEquals("yolov5", output.at("/info/detector_metadata/model_layout").asText());
        assertEquals("megadetector", output.at("/info/detector_metadata/class_vocabulary").asText());
        assertEquals("model.onnx", output.at("/info/detector").asText());
        // person: input x 220..420, y 270..370 -> photo x 440..840, y (270-80)*2 = 380 .. 580
        // animal: input x 230..430 -> photo 460..860; vehicle: input x 0..100, y 40..120 -> photo 0..200, -80 (clipped to 0) .. 80
        assertEquals("[{\"category\":\"2\",\"conf\":0.72,\"bbox\":[0.3438,0.3958,0.3125,0.2084]},"
                        + "{\"category\":\"1\",\"conf\":0.68,\"bbox\":[0.3594,0.3958,0.3125,0.2084]},"
                        + "{\"category\":\"3\",\"conf\":0.3,\"bbox\":[0.0,0.0,0.1563,0.0833]}]",
                output.at("/images/0/detections").toString());
    }

    @Test
    void yoloV8ColumnsWithCocoClassesMapToCategoriesAndDropTheRest() throws IOException {
        // 320 input, portrait photo 600 x 800: scale 0.4, drawn 240 x 320, padding 40 left and right; 2.5 photo pixels per input pixel
        TinyOnnxModel model = TinyOnnxModel.yoloV8(320, 80,
                box(160, 160, 80, 120, 16, 0.9f),     // dog 0.9
                box(160, 160, 80, 120, 25, 0.95f),    // umbrella: no category, dropped before suppression
                box(165, 165, 80, 120, 19, 0.5f),     // cow on the dog: the same animal, suppressed
                box(60, 300, 60, 40, 2, 0.4f),        // car partly left of the photo, in the padding
                box(200, 50, 20, 20, 0, 0.05f));      // person below the threshold

        JsonNode output = run(model, 600, 800, Map.of());

        assertEquals("yolov8", output.at("/info/detector_metadata/model_layout").asText());
        assertEquals("coco80", output.at("/info/detector_metadata/class_vocabulary").asText());
        // dog: input x 120..200, y 100..220 -> photo x (120-40)*2.5 = 200 .. 400, y 250 .. 550
        // car: input x 30..90, y 280..320 -> photo x -25 (clipped to 0) .. 125, y 700 .. 800
        assertEquals("[{\"category\":\"1\",\"conf\":0.9,\"bbox\":[0.3333,0.3125,0.3334,0.375]},"
                        + "{\"category\":\"3\",\"conf\":0.4,\"bbox\":[0.0,0.875,0.2083,0.125]}]",
                output.at("/images/0/detections").toString());
    }

    @Test
    void graphsWithSuppressionInsideAndADynamicInputUseTheConfiguredInputSize() throws IOException {
        // yolort's export, as MegaDetectorLite ships it: dynamic [1, 3, H, W] in; scores, int64 labels, x1 y1 x2 y2 boxes out
        TinyOnnxModel model = TinyOnnxModel.withInput("images", -1, -1)
                .output(TinyOnnxModel.Output.floats("scores", new float[] {0.8f, 0.2f, 0.05f}, 3))
                .output(TinyOnnxModel.Output.longs("labels", new long[] {1, 0, 2}, 3))
                .output(TinyOnnxModel.Output.floats("boxes", new float[] {40, 80, 120, 160, 0, 0, 10, 10, 5, 5, 50, 50}, 3, 4));

        JsonNode output = run(model, 640, 640, Map.of("DETECTOR_INPUT_SIZE", "320"));

        assertEquals("yolo-nms", output.at("/info/detector_metadata/model_layout").asText());
        assertEquals(320, output.at("/info/detector_metadata/image_size").asInt());
        assertEquals("megadetector", output.at("/info/detector_metadata/class_vocabulary").asText());
        // 640 x 640 into 320: scale 0.5, no padding; person x 80..240, y 160..320; animal 0..20
        assertEquals("[{\"category\":\"2\",\"conf\":0.8,\"bbox\":[0.125,0.25,0.25,0.25]},"
                        + "{\"category\":\"1\",\"conf\":0.2,\"bbox\":[0.0,0.0,0.0313,0.0313]}]",
                output.at("/images/0/detections").toString());
    }

    @Test
    void aModelWithAClassCountWithoutATableIsASettingsErrorUnlessTheLayoutIsNamed() throws IOException {
        TinyOnnxModel oneClass = TinyOnnxModel.yoloV5(64, 1, new float[] {32, 32, 10, 10, 0.9f, 0.9f});

        DetectorFailure failure = assertThrows(DetectorFailure.class,
                () -> run(oneClass, 100, 100, Map.of("DETECTOR_LAYOUT", "yolov5")));

        assertEquals(DetectorFailure.BAD_SETTINGS, failure.exitCode());
        assertTrue(failure.getMessage().contains("scores 1 classes"), failure.getMessage());
    }

    /** One YOLOv8 box: cx, cy, w, h and a single class score. */
    private static float[] box(float cx, float cy, float w, float h, int classId, float score) {
        float[] box = new float[4 + 80];
        box[0] = cx;
        box[1] = cy;
        box[2] = w;
        box[3] = h;
        box[4 + classId] = score;
        return box;
    }
}
