package dk.munin.detector.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes FastestDet's single-scale grid output {@code [1, 5 + classes, gridHeight, gridWidth]}
 * (channel-major). Per cell the channels are: objectness (already sigmoid), centre x/y offsets
 * (raw, tanh), box width/height as fractions of the whole image (raw, sigmoid), then the class
 * scores (already softmax). The score combines objectness and best class as
 * {@code obj^0.6 × cls^0.4}, as the model's authors decode it.
 */
public final class FastestDetDecoder implements OutputDecoder {

    static final int BOX_CHANNELS = 5;
    private static final double OBJECTNESS_WEIGHT = 0.6;
    private static final double CLASS_WEIGHT = 0.4;

    private final String outputName;
    private final int classCount;
    private final int gridHeight;
    private final int gridWidth;
    private final int inputWidth;
    private final int inputHeight;

    public FastestDetDecoder(String outputName, int classCount, int gridHeight, int gridWidth, int inputWidth, int inputHeight) {
        this.outputName = outputName;
        this.classCount = classCount;
        this.gridHeight = gridHeight;
        this.gridWidth = gridWidth;
        this.inputWidth = inputWidth;
        this.inputHeight = inputHeight;
    }

    @Override
    public ModelLayout layout() {
        return ModelLayout.FASTESTDET;
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
        int cells = gridHeight * gridWidth;
        if (output.length != (BOX_CHANNELS + classCount) * cells) {
            throw new IllegalArgumentException("expected " + (BOX_CHANNELS + classCount) * cells
                    + " output values, got " + output.length);
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int gy = 0; gy < gridHeight; gy++) {
            for (int gx = 0; gx < gridWidth; gx++) {
                int cell = gy * gridWidth + gx;
                int bestClass = 0;
                float bestClassScore = output[BOX_CHANNELS * cells + cell];
                for (int c = 1; c < classCount; c++) {
                    float classScore = output[(BOX_CHANNELS + c) * cells + cell];
                    if (classScore > bestClassScore) {
                        bestClass = c;
                        bestClassScore = classScore;
                    }
                }
                float objectness = output[cell];
                float score = (float) (Math.pow(objectness, OBJECTNESS_WEIGHT) * Math.pow(bestClassScore, CLASS_WEIGHT));
                if (!(score >= minScore)) {
                    continue;
                }
                double centreX = (gx + Math.tanh(output[cells + cell])) / gridWidth;
                double centreY = (gy + Math.tanh(output[2 * cells + cell])) / gridHeight;
                double width = sigmoid(output[3 * cells + cell]);
                double height = sigmoid(output[4 * cells + cell]);
                candidates.add(new Candidate(bestClass, score,
                        (centreX - width / 2) * inputWidth, (centreY - height / 2) * inputHeight,
                        (centreX + width / 2) * inputWidth, (centreY + height / 2) * inputHeight));
            }
        }
        return candidates;
    }

    private static double sigmoid(float value) {
        return 1 / (1 + Math.exp(-value));
    }
}
