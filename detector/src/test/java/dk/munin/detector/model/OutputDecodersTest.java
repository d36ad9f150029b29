package dk.munin.detector.model;

import dk.munin.detector.output.ClassVocabulary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputDecodersTest {

    private static OutputDecoder detect(long... shape) {
        return OutputDecoders.forModel(null, List.of(new OnnxModel.OutputInfo("output0", shape)), 640, 640,
                ClassVocabulary::isKnownClassCount);
    }

    @Test
    void aGridOfFivePlusClassesChannelsIsFastestDet() {
        OutputDecoder decoder = detect(1, 85, 22, 22);
        assertInstanceOf(FastestDetDecoder.class, decoder);
        assertEquals(ModelLayout.FASTESTDET, decoder.layout());
        assertEquals(80, decoder.classCount());
    }

    @Test
    void rowsOfFivePlusClassesAreYoloV5AndColumnsOfFourPlusClassesAreYoloV8() {
        assertEquals(ModelLayout.YOLOV5, detect(1, 25200, 85).layout());
        assertEquals(3, detect(1, 102000, 8).classCount(), "MegaDetector v5 at 1280");
        assertEquals(ModelLayout.YOLOV8, detect(1, 84, 8400).layout());
        assertEquals(3, detect(1, 7, 8400).classCount(), "a MegaDetector-class YOLOv8/v9 export");
        assertEquals(ModelLayout.YOLOV5, detect(1, -1, 85).layout(), "a dynamic box count is many boxes");
        assertEquals(ModelLayout.YOLOV8, detect(1, 84, -1).layout());
    }

    @Test
    void outputsNamedScoresLabelsAndBoxesHaveTheirSuppressionInside() {
        OutputDecoder decoder = OutputDecoders.forModel(null, List.of(
                new OnnxModel.OutputInfo("scores", new long[] {-1}),
                new OnnxModel.OutputInfo("labels", new long[] {-1}),
                new OnnxModel.OutputInfo("boxes", new long[] {-1, 4})), 1280, 1280, ClassVocabulary::isKnownClassCount);
        assertEquals(ModelLayout.YOLO_NMS, decoder.layout());
        assertEquals(-1, decoder.classCount());
    }

    @Test
    void theRequestedLayoutWinsOverDetectionAndAcceptsAnyClassCount() {
        OutputDecoder decoder = OutputDecoders.forModel(ModelLayout.YOLOV5, List.of(new OnnxModel.OutputInfo("out", new long[] {1, 6300, 6})),
                320, 320, ClassVocabulary::isKnownClassCount);
        assertEquals(1, decoder.classCount());
        IllegalArgumentException misfit = assertThrows(IllegalArgumentException.class, () -> OutputDecoders.forModel(ModelLayout.FASTESTDET,
                List.of(new OnnxModel.OutputInfo("out", new long[] {1, 84, 8400})), 640, 640, ClassVocabulary::isKnownClassCount));
        assertTrue(misfit.getMessage().contains("layout fastestdet needs"), misfit.getMessage());
    }

    @Test
    void anUnknownShapeIsNotSupportedAndTheMessageNamesItAndTheSetting() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> detect(1, 25, 22, 22));
        assertTrue(failure.getMessage().contains("output0 [1, 25, 22, 22]"), failure.getMessage());
        assertTrue(failure.getMessage().contains("DETECTOR_LAYOUT"), failure.getMessage());
        assertThrows(IllegalArgumentException.class, () -> detect(1, 100, 30));
    }
}
