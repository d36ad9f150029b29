package dk.munin.detector.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class CandidateTest {

    @Test
    void clippingKeepsTheBoxInsideThePhoto() {
        Candidate clipped = new Candidate(2, 0.7f, -144, 48, 1619, 1287).clippedTo(1440, 1200);

        assertEquals(new Candidate(2, 0.7f, 0, 48, 1440, 1200), clipped);
    }

    @Test
    void aBoxEntirelyOutsideThePhotoHasNoAreaLeft() {
        Candidate clipped = new Candidate(2, 0.7f, 310, 10, 400, 50).clippedTo(300, 200);

        assertFalse(clipped.hasArea());
    }
}
