package dk.munin.detector.model;

import dk.munin.detector.photo.Photo;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class ModelInputTest {

    private static final int RED = 0xFF0000;
    private static final int BLUE = 0x0000FF;

    /** A 2 × 1 photo: red on the left, blue on the right. */
    private static BufferedImage redThenBlue() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, RED);
        image.setRGB(1, 0, BLUE);
        return image;
    }

    @Test
    void writesPlanarBgrScaledToZeroOne() {
        float[] tensor = ModelInput.planarBgr(new Photo(redThenBlue(), 1), 2, 1);

        // B plane, G plane, R plane; each two pixels wide
        assertArrayEquals(new float[] {0, 1, 0, 0, 1, 0}, tensor);
    }

    @Test
    void turnsAPhotoStoredSidewaysBeforeTheModelSeesIt() {
        // Orientation 6: shown turned 90° clockwise, so the stored left pixel is shown on top
        float[] tensor = ModelInput.planarBgr(new Photo(redThenBlue(), 6), 1, 2);

        assertArrayEquals(new float[] {0, 1, 0, 0, 1, 0}, tensor);
    }

    @Test
    void turnsAPhotoStoredUpsideDown() {
        float[] tensor = ModelInput.planarBgr(new Photo(redThenBlue(), 3), 2, 1);

        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 1}, tensor);
    }

    @Test
    void stretchesTheWholePhotoWithoutLetterbox() {
        // a 4 × 1 photo into a 2 × 2 input: every row of the input is the photo, squeezed
        BufferedImage wide = new BufferedImage(4, 1, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 4; x++) {
            wide.setRGB(x, 0, 0x808080);
        }
        float[] tensor = ModelInput.planarBgr(new Photo(wide, 1), 2, 2);

        float grey = 0x80 / 255f;
        assertArrayEquals(new float[] {grey, grey, grey, grey, grey, grey, grey, grey, grey, grey, grey, grey}, tensor, 1e-6f);
    }
}
