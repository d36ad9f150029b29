package dk.munin.detector.model;

import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * Picks the decoder for a model: from DETECTOR_LAYOUT when it is set, otherwise from the
 * outputs' names and shapes. Shapes alone can be ambiguous only for exotic class counts, so
 * automatic detection accepts only class counts the detector can map to categories.
 */
public final class OutputDecoders {

    private OutputDecoders() {
    }

    /**
     * @param requested       the layout DETECTOR_LAYOUT names, or null to detect it
     * @param outputs         the model's outputs
     * @param knownClassCount which class counts automatic detection accepts (those with a category table)
     * @throws IllegalArgumentException naming the outputs when no decoder understands them
     */
    public static OutputDecoder forModel(ModelLayout requested, List<OnnxModel.OutputInfo> outputs,
                                         int inputWidth, int inputHeight, IntPredicate knownClassCount) {
        Set<String> names = outputs.stream().map(OnnxModel.OutputInfo::name).collect(Collectors.toSet());
        boolean suppressionInGraph = names.containsAll(List.of(YoloNmsDecoder.SCORES, YoloNmsDecoder.LABELS, YoloNmsDecoder.BOXES));
        if (requested == ModelLayout.YOLO_NMS || (requested == null && suppressionInGraph)) {
            if (!suppressionInGraph) {
                throw unsupported(outputs, "layout yolo-nms needs outputs named scores, labels and boxes");
            }
            return new YoloNmsDecoder();
        }
        OnnxModel.OutputInfo first = outputs.get(0);
        long[] shape = first.shape();
        boolean grid = shape.length == 4 && shape[0] <= 1 && shape[1] > FastestDetDecoder.BOX_CHANNELS
                && shape[2] > 0 && shape[3] > 0;
        if (requested == ModelLayout.FASTESTDET || (requested == null && grid
                && knownClassCount.test((int) shape[1] - FastestDetDecoder.BOX_CHANNELS))) {
            if (!grid) {
                throw unsupported(outputs, "layout fastestdet needs a [1, 5 + classes, gridHeight, gridWidth] output");
            }
            return new FastestDetDecoder(first.name(), (int) shape[1] - FastestDetDecoder.BOX_CHANNELS,
                    (int) shape[2], (int) shape[3], inputWidth, inputHeight);
        }
        if (shape.length == 3 && shape[0] <= 1) {
            boolean rows = shape[2] > 5 && (requested == ModelLayout.YOLOV5 || knownClassCount.test((int) shape[2] - 5));
            boolean columns = shape[1] > 4 && (requested == ModelLayout.YOLOV8 || knownClassCount.test((int) shape[1] - 4));
            if (requested == ModelLayout.YOLOV5 || (requested == null && rows && (!columns || boxCount(shape[1]) >= boxCount(shape[2])))) {
                if (!rows) {
                    throw unsupported(outputs, "layout yolov5 needs a [1, N, 5 + classes] output");
                }
                return new YoloV5Decoder(first.name(), (int) shape[2] - 5);
            }
            if (requested == ModelLayout.YOLOV8 || (requested == null && columns)) {
                if (!columns) {
                    throw unsupported(outputs, "layout yolov8 needs a [1, 4 + classes, N] output");
                }
                return new YoloV8Decoder(first.name(), (int) shape[1] - 4);
            }
        }
        throw unsupported(outputs, requested == null
                ? "expected FastestDet [1, 5 + classes, gridH, gridW], YOLOv5 [1, N, 5 + classes], YOLOv8 [1, 4 + classes, N]"
                  + " with a known class count, or outputs scores, labels and boxes"
                : "layout " + requested.id() + " does not fit");
    }

    /** A dynamic dimension (-1) is the box count of an export with a dynamic input size: many. */
    private static long boxCount(long dimension) {
        return dimension < 0 ? Long.MAX_VALUE : dimension;
    }

    private static IllegalArgumentException unsupported(List<OnnxModel.OutputInfo> outputs, String expectation) {
        return new IllegalArgumentException("unsupported detector outputs " + outputs + ": " + expectation
                + " (DETECTOR_LAYOUT names the layout: " + ModelLayout.ids() + ")");
    }
}
