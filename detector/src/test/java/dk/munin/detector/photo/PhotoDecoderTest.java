package dk.munin.detector.photo;

import dk.munin.detector.SharedData;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PhotoDecoderTest {

    @Test
    void decodesAJpeg() throws Exception {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_3BYTE_BGR), "jpg", jpeg);

        Photo photo = PhotoDecoder.decode(jpeg.toByteArray());

        assertEquals(40, photo.displayWidth());
        assertEquals(30, photo.displayHeight());
        assertEquals(1, photo.orientation());
    }

    @Test
    void anEmptyFileIsUnreadable() {
        UnreadablePhoto failure = assertThrows(UnreadablePhoto.class, () -> PhotoDecoder.decode(new byte[0]));
        assertEquals("empty file (0 bytes)", failure.getMessage());
    }

    @Test
    void bytesThatAreNoImageAreUnreadable() {
        UnreadablePhoto failure = assertThrows(UnreadablePhoto.class,
                () -> PhotoDecoder.decode("{\"not\": \"a photo\"}".getBytes()));
        assertEquals("not a readable image format", failure.getMessage());
    }

    @Test
    void aBrokenJpegIsUnreadable() throws Exception {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_3BYTE_BGR), "jpg", jpeg);
        byte[] headerOnly = Arrays.copyOf(jpeg.toByteArray(), 30);

        assertThrows(UnreadablePhoto.class, () -> PhotoDecoder.decode(headerOnly));
    }

    @Test
    void aPhotoStoredSidewaysIsShownUpright() throws Exception {
        Photo photo = PhotoDecoder.decode(Files.readAllBytes(
                SharedData.image("speciesnet_test_data/african_elephants_with_exif_orientation.jpg")));

        assertEquals(1536, photo.stored().getWidth());
        assertEquals(2048, photo.displayWidth());
        assertEquals(1536, photo.displayHeight());
    }
}
