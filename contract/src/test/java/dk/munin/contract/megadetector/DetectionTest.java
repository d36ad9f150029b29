package dk.munin.contract.megadetector;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DetectionTest {

    @Test
    void normalisesTheBoxToThePhotoAndRoundsLikeMegaDetector() {
        Detection detection = Detection.fromCorners("1", 0.80649f, 774, 656.4, 1010.2, 925, 2048, 1536).orElseThrow();

        assertEquals("1", detection.category());
        assertEquals(0.806, detection.conf());
        // x 774 / 2048 = 0.37793 → 0.3779; right 1010.2 / 2048 = 0.49326 → 0.4933; width 0.1154
        // y 656.4 / 1536 = 0.42734 → 0.4273; bottom 925 / 1536 = 0.60221 → 0.6022; height 0.1749
        assertArrayEquals(new double[] {0.3779, 0.4273, 0.1154, 0.1749}, detection.bbox());
    }

    @Test
    void aBoxReachingTheEdgeEndsExactlyAtOne() {
        double[] bbox = Detection.fromCorners("3", 0.5f, 1000.0 / 3, 0, 1000, 750, 1000, 750).orElseThrow().bbox();

        assertArrayEquals(new double[] {0.3333, 0.0, 0.6667, 1.0}, bbox);
        assertEquals(1.0, bbox[0] + bbox[2], 1e-12);
    }

    @Test
    void aBoxTooThinToSurviveRoundingIsDropped() {
        assertEquals(Optional.empty(), Detection.fromCorners("2", 0.9f, 100, 100, 100.05, 300, 4000, 3000));
    }
}
