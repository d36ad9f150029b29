package dk.munin.detector.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes the Ultralytics YOLOv8 / v9 / v11 export layout {@code [1, 4 + classes, N]}: one
 * column per box, rows centre x, centre y, width, height in input pixels, then the class
 * scores (sigmoid applied). There is no objectness: a box's score is its best class score.
 * MegaDetector v6 (YOLOv9-based) exports have this layout with 3 classes.
 */
public final class YoloV8Decoder implements OutputDecoder {

    private static final int BOX_VALUES = 4;

    private final String outputName;
    private final int classCount;

    public YoloV8Decoder(String outputName, int classCount) {
        this.outputName = outputName;
        this.classCount = classCount;
    }

    @Override
    public ModelLayout layout() {
        return ModelLayout.YOLOV8;
    }

    @Override
    public int classCount() {
        return classCount;
    }

    @Override
    public List<Candidate> decode(Map<String, float[]> outputs, float minScore) {
        return decode(outputs.get(outputName), minScore);
    }

    public List<Candidate> decode(float[] output, float minScore) {
        int channels = BOX_VALUES + classCount;
        if (output.length % channels != 0) {
            throw new IllegalArgumentException("expected " + channels + " rows of boxes, got " + output.length + " values");
        }
        int boxes = output.length / channels;
        List<Candidate> candidates = new ArrayList<>();
        for (int box = 0; box < boxes; box++) {
            int bestClass = 0;
            float bestClassScore = output[BOX_VALUES * boxes + box];
            for (int c = 1; c < classCount; c++) {
                float classScore = output[(BOX_VALUES + c) * boxes + box];
                if (classScore > bestClassScore) {
                    bestClass = c;
                    bestClassScore = classScore;
                }
            }
            if (bestClassScore >= minScore) {
                candidates.add(YoloV5Decoder.centred(bestClass, bestClassScore,
                        output[box], output[boxes + box], output[2 * boxes + box], output[3 * boxes + box]));
            }
        }
        return candidates;
    }
}
