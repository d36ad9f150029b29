package dk.munin.detector.model;

import java.util.ArrayList;
import java.util.List;

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

    private final int classCount;
    private final int gridHeight;
    private final int gridWidth;

    public FastestDetDecoder(int classCount, int gridHeight, int gridWidth) {
        this.classCount = classCount;
        this.gridHeight = gridHeight;
        this.gridWidth = gridWidth;
    }

    @Override
    public String layout() {
        return "fastestdet";
    }

    @Override
    public List<Candidate> decode(float[] output, int photoWidth, int photoHeight, float minScore) {
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
                        (centreX - width / 2) * photoWidth, (centreY - height / 2) * photoHeight,
                        (centreX + width / 2) * photoWidth, (centreY + height / 2) * photoHeight));
            }
        }
        return candidates;
    }

    private static double sigmoid(float value) {
        return 1 / (1 + Math.exp(-value));
    }
}
