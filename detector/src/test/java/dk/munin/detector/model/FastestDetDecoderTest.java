package dk.munin.detector.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Hand-built FastestDet outputs: a 2 × 3 grid (rows × columns) with 3 classes, so 8 channels.
 * Objectness and best class score are set equal, which makes obj^0.6 × cls^0.4 equal to both.
 */
class FastestDetDecoderTest {

    private static final int CLASSES = 3;
    private static final int GRID_HEIGHT = 2;
    private static final int GRID_WIDTH = 3;
    private static final int CELLS = GRID_HEIGHT * GRID_WIDTH;

    private final float[] output = new float[(5 + CLASSES) * CELLS];

    @Test
    void decodesACellIntoABoxInInputPixels() {
        // row 1, column 2: centre offsets tanh(x) = 0.5 and 0, width sigmoid = 0.5, height sigmoid = 0.25
        cell(1, 2, 0.8f, atanh(0.5), 0, logit(0.5), logit(0.25), 0.1f, 0.8f, 0.1f);

        List<Candidate> boxes = decoder(300, 200).decode(output, 0.5f);

        assertEquals(1, boxes.size());
        Candidate box = boxes.get(0);
        assertEquals(1, box.classId());
        assertEquals(0.8, box.score(), 1e-6);
        // centre x = (2 + 0.5) / 3 = 0.8333 → 250 px, width 0.5 → 150 px: x from 175 to 325 (beyond 300, not yet clipped)
        // centre y = (1 + 0) / 2 = 0.5 → 100 px, height 0.25 → 50 px: y from 75 to 125
        assertEquals(175, box.x1(), 1e-4);
        assertEquals(325, box.x2(), 1e-4);
        assertEquals(75, box.y1(), 1e-4);
        assertEquals(125, box.y2(), 1e-4);
    }

    @Test
    void combinesObjectnessAndClassScoreWithTheAuthorsWeights() {
        // 0.9^0.6 × 0.4^0.4 = 0.93874 × 0.69314 = 0.65068
        cell(0, 0, 0.9f, 0, 0, 0, 0, 0.4f, 0.35f, 0.25f);

        Candidate box = decoder(100, 100).decode(output, 0.1f).get(0);

        assertEquals(0, box.classId());
        assertEquals(0.65068, box.score(), 1e-4);
    }

    @Test
    void dropsCellsScoringBelowTheThresholdAndKeepsThoseAtIt() {
        cell(0, 0, 0.3f, 0, 0, 0, 0, 0.3f, 0, 0);
        cell(0, 1, 0.29f, 0, 0, 0, 0, 0.29f, 0, 0);

        List<Candidate> boxes = decoder(100, 100).decode(output, 0.3f);

        assertEquals(1, boxes.size());
        assertEquals(0.3, boxes.get(0).score(), 1e-6);
    }

    @Test
    void aCellCentredOnTheCornerYieldsABoxStartingOutsideThePhoto() {
        // tanh = -0.9 pulls the centre of cell (0, 0) left of and above the photo
        cell(0, 0, 1f, atanh(-0.9), atanh(-0.9), logit(0.2), logit(0.2), 0, 0, 1f);

        Candidate box = decoder(300, 200).decode(output, 0.5f).get(0);

        assertEquals(2, box.classId());
        // centre x = (0 - 0.9) / 3 = -0.3, width 0.2: x1 = (-0.3 - 0.1) × 300 = -120
        // centre y = (0 - 0.9) / 2 = -0.45, height 0.2: y1 = (-0.45 - 0.1) × 200 = -110
        assertEquals(-120, box.x1(), 1e-4);
        assertEquals(-110, box.y1(), 1e-4);
    }

    @Test
    void rejectsAnOutputOfTheWrongSize() {
        assertThrows(IllegalArgumentException.class, () -> decoder(100, 100).decode(new float[10], 0.1f));
    }

    /** Boxes come out in model-input pixels; the input size is chosen per test. */
    private static FastestDetDecoder decoder(int inputWidth, int inputHeight) {
        return new FastestDetDecoder("758", CLASSES, GRID_HEIGHT, GRID_WIDTH, inputWidth, inputHeight);
    }

    private void cell(int row, int column, float objectness, double dx, double dy, double w, double h, float... classScores) {
        int cell = row * GRID_WIDTH + column;
        output[cell] = objectness;
        output[CELLS + cell] = (float) dx;
        output[2 * CELLS + cell] = (float) dy;
        output[3 * CELLS + cell] = (float) w;
        output[4 * CELLS + cell] = (float) h;
        for (int c = 0; c < classScores.length; c++) {
            output[(5 + c) * CELLS + cell] = classScores[c];
        }
    }

    private static double atanh(double value) {
        return 0.5 * Math.log((1 + value) / (1 - value));
    }

    private static double logit(double probability) {
        return Math.log(probability / (1 - probability));
    }
}
