package dk.munin.detector.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes YOLOv5's export layout {@code [1, N, 5 + classes]}, one row per anchor box:
 * centre x, centre y, width, height in input pixels, objectness, then the class scores
 * (sigmoids already applied inside the exported graph). A row's score is
 * {@code objectness × best class score}, as YOLOv5's own non_max_suppression computes it.
 * MegaDetector v5 exported with YOLOv5's export.py has this layout with 3 classes.
 */
public final class YoloV5Decoder implements OutputDecoder {

    private static final int BOX_VALUES = 5;

    private final String outputName;
    private final int classCount;

    public YoloV5Decoder(String outputName, int classCount) {
        this.outputName = outputName;
        this.classCount = classCount;
    }

    @Override
    public ModelLayout layout() {
        return ModelLayout.YOLOV5;
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
        int rowLength = BOX_VALUES + classCount;
        if (output.length % rowLength != 0) {
            throw new IllegalArgumentException("expected rows of " + rowLength + " values, got " + output.length + " values");
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int row = 0; row < output.length; row += rowLength) {
            float objectness = output[row + 4];
            if (!(objectness >= minScore)) {
                continue;   // the score can only be lower: most rows end here
            }
            int bestClass = 0;
            float bestClassScore = output[row + BOX_VALUES];
            for (int c = 1; c < classCount; c++) {
                if (output[row + BOX_VALUES + c] > bestClassScore) {
                    bestClass = c;
                    bestClassScore = output[row + BOX_VALUES + c];
                }
            }
            float score = objectness * bestClassScore;
            if (score >= minScore) {
                candidates.add(centred(bestClass, score, output[row], output[row + 1], output[row + 2], output[row + 3]));
            }
        }
        return candidates;
    }

    static Candidate centred(int classId, float score, double centreX, double centreY, double width, double height) {
        return new Candidate(classId, score, centreX - width / 2, centreY - height / 2, centreX + width / 2, centreY + height / 2);
    }
}
