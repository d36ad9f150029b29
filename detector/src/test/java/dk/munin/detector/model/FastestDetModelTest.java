package dk.munin.detector.model;

import dk.munin.contract.testing.SharedData;
import dk.munin.detector.output.ClassVocabulary;
import dk.munin.detector.photo.Photo;
import dk.munin.detector.photo.PhotoDecoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real FastestDet model in ONNX Runtime, against the reference outputs in its README
 * (shared/data/models/fastestdet/reference_outputs_ort-java-1.20.0.txt).
 */
class FastestDetModelTest {

    private static ObjectDetector detector;

    @BeforeAll
    static void loadModel() throws Exception {
        if (SharedData.hasFastestDet()) {
            OnnxModel model = OnnxModel.load(SharedData.FASTESTDET, 2, null);
            OutputDecoder decoder = OutputDecoders.forModel(null, model.outputs(), model.inputWidth(), model.inputHeight(),
                    ClassVocabulary::isKnownClassCount);
            detector = new ObjectDetector(model, decoder, new DetectionThresholds(0.3f, 0.45f), ClassVocabulary.COCO80::categoryOf);
        }
    }

    @BeforeEach
    void skipWithoutTheModel() {
        SharedData.fastestDet();
    }

    @AfterAll
    static void closeModel() {
        if (detector != null) {
            detector.close();
        }
    }

    @Test
    void readsTheInputSizeAndLayoutFromTheModel() {
        assertEquals(352, detector.model().inputWidth());
        assertEquals(352, detector.model().inputHeight());
        assertArrayEquals(new long[] {1, 85, 22, 22}, detector.model().outputShape());
        assertEquals(ModelLayout.FASTESTDET, detector.decoder().layout());
        assertEquals(80, detector.decoder().classCount());
    }

    /**
     * The README's 699.0290 came from ONNX Runtime 1.20.0 with graph optimisation on, which
     * changes the border cells of this graph; 1.20.0 without optimisation and 1.29.0 at every
     * optimisation level agree on 720.666, so that is the model's own answer. Interior cells,
     * where the animals are, agree in both (see the detection tests below).
     */
    @Test
    void constantInputGivesTheModelsOwnOutput() throws Exception {
        float[] input = new float[3 * 352 * 352];
        Arrays.fill(input, 0.5f);
        float[] output = detector.model().run(input).get("758");
        double sum = 0;
        for (float value : output) {
            sum += value;
        }
        assertEquals(85 * 22 * 22, output.length);
        assertEquals(720.666, sum, 0.01);
        // out[0][c][0][0] for c = 0..5: channel-major, so channel c starts at c * 22 * 22
        float[] firstCell = new float[6];
        for (int c = 0; c < 6; c++) {
            firstCell[c] = output[c * 22 * 22];
        }
        assertArrayEquals(new float[] {0.010638f, -0.198770f, 0.009948f, 0.207262f, 0.782285f, 0.004074f},
                firstCell, 1e-4f);
    }

    @Test
    void findsThePersonWhereTheReferenceRunDid() throws Exception {
        Candidate best = detect("speciesnet_test_data/human.jpg").get(0);
        assertEquals("person", CocoClasses.name(best.classId()));
        assertEquals(0.854, best.score(), 0.02);
        // reference box [2177, 858, 2375, 1260] on the 3072 x 1728 photo
        assertBox(new double[] {2177, 858, 2375, 1260}, best, 15);
    }

    @Test
    void clipsBoxesThatTheModelPlacesBeyondThePhoto() throws Exception {
        // the reference run's best car box is [167, 52, 2200, 1083] on a 2048-pixel-wide photo
        Candidate car = detect("speciesnet_test_data/vehicle.jpg").get(0);
        assertEquals("car", CocoClasses.name(car.classId()));
        assertEquals(0.735, car.score(), 0.02);
        assertBox(new double[] {167, 52, 2048, 1083}, car, 15);
    }

    @Test
    void turnsPhotosAsTheirExifOrientationSays() throws Exception {
        // the same elephants, once stored upright and once stored on its side with Orientation 6
        // (re-encoded, so the pixels and the scores differ slightly)
        List<Candidate> upright = detect("speciesnet_test_data/african_elephants.jpg");
        List<Candidate> turned = detect("speciesnet_test_data/african_elephants_with_exif_orientation.jpg");
        assertEquals(8, upright.size());
        assertEquals(upright.size(), turned.size());
        for (int i = 0; i < upright.size(); i++) {
            Candidate expected = upright.get(i);
            assertEquals("elephant", CocoClasses.name(turned.get(i).classId()));
            assertEquals(expected.score(), turned.get(i).score(), 0.03);
            assertTrue(turned.stream().anyMatch(box -> NonMaxSuppression.intersectionOverUnion(box, expected) > 0.7),
                    "no box in the turned photo matches " + expected);
        }
    }

    @Test
    void findsNothingOnABlankFrame() throws Exception {
        assertEquals(List.of(), detect("speciesnet_test_data/blank.jpg"));
    }

    private static void assertBox(double[] expected, Candidate actual, double pixels) {
        assertArrayEquals(expected, new double[] {actual.x1(), actual.y1(), actual.x2(), actual.y2()}, pixels,
                "box " + actual);
    }

    private static List<Candidate> detect(String image) throws Exception {
        Photo photo = PhotoDecoder.decode(Files.readAllBytes(SharedData.image(image)));
        return detector.detect(ModelInput.prepare(photo, InputFormat.STRETCH_BGR, 352, 352), photo.displayWidth(), photo.displayHeight());
    }
}
