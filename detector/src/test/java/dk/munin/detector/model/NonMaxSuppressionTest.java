package dk.munin.detector.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NonMaxSuppressionTest {

    // 100 × 100 pixels in the inclusive convention (0..99)
    private static final Candidate BEST = new Candidate(19, 0.9f, 0, 0, 99, 99);

    @Test
    void keepsTheBestOfOverlappingBoxesWhateverTheirClasses() {
        Candidate shiftedHorse = new Candidate(17, 0.8f, 10, 0, 109, 99); // IoU 9000 / 11000 = 0.82
        Candidate elsewhere = new Candidate(0, 0.7f, 200, 200, 299, 299);

        List<Candidate> kept = NonMaxSuppression.apply(List.of(elsewhere, shiftedHorse, BEST), 0.45f);

        assertEquals(List.of(BEST, elsewhere), kept);
    }

    @Test
    void suppressesOnlyAboveTheIouThreshold() {
        Candidate justBelow = new Candidate(19, 0.8f, 38, 0, 137, 99);  // overlap 62 × 100: IoU 6200 / 13800 = 0.449
        Candidate justAbove = new Candidate(19, 0.7f, 0, 37, 99, 136);  // overlap 100 × 63: IoU 6300 / 13700 = 0.460

        assertEquals(0.4493, NonMaxSuppression.intersectionOverUnion(BEST, justBelow), 1e-4);
        assertEquals(0.4599, NonMaxSuppression.intersectionOverUnion(BEST, justAbove), 1e-4);
        assertEquals(List.of(BEST, justBelow), NonMaxSuppression.apply(List.of(justAbove, justBelow, BEST), 0.45f));
    }

    @Test
    void aSuppressedBoxSuppressesNothing() {
        Candidate overlapsBest = new Candidate(19, 0.8f, 30, 0, 129, 99);       // IoU with BEST 0.54: suppressed
        Candidate overlapsOnlyThat = new Candidate(19, 0.7f, 80, 0, 179, 99);   // IoU with BEST 0.11, with the suppressed one 0.54

        assertEquals(List.of(BEST, overlapsOnlyThat),
                NonMaxSuppression.apply(List.of(BEST, overlapsBest, overlapsOnlyThat), 0.45f));
    }

    @Test
    void nothingInNothingOut() {
        assertEquals(List.of(), NonMaxSuppression.apply(List.of(), 0.45f));
    }
}
