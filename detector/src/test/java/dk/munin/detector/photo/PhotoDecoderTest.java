package dk.munin.detector.photo;

import dk.munin.contract.photos.UnreadablePhoto;
import dk.munin.contract.testing.SharedData;
import dk.munin.detector.model.InputFormat;
import dk.munin.detector.model.ModelInput;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.Arrays;
import javax.imageio.ImageIO;

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
    void decodesAtTheLargestReducedScaleThatStillCoversTheModelInput() throws Exception {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(2000, 1500, BufferedImage.TYPE_3BYTE_BGR), "jpg", jpeg);

        Photo photo = PhotoDecoder.decode(jpeg.toByteArray(), (width, height) -> new int[] {352, 352});

        // 1500 / 352 = 4.3: a quarter (DCT-domain 1/4) keeps 375 rows; 1/8 would leave 188, fewer than 352
        assertEquals(500, photo.stored().getWidth());
        assertEquals(375, photo.stored().getHeight());
        assertEquals(2000, photo.displayWidth(), "boxes are still given on the full-size photo");
        assertEquals(1500, photo.displayHeight());
    }

    @Test
    void aProgressiveJpegIsSubsampledByImageIoInstead() throws Exception {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
        try (var out = ImageIO.createImageOutputStream(jpeg)) {
            writer.setOutput(out);
            writer.write(null, new javax.imageio.IIOImage(new BufferedImage(1500, 1100, BufferedImage.TYPE_3BYTE_BGR), null, null), param);
        } finally {
            writer.dispose();
        }

        Photo photo = PhotoDecoder.decode(jpeg.toByteArray(), (width, height) -> new int[] {352, 352});

        // every 3rd pixel (1100 / 352 = 3.1): 500 x 367, a size no power-of-two DCT scaling gives
        assertEquals(500, photo.stored().getWidth());
        assertEquals(367, photo.stored().getHeight());
        assertEquals(1500, photo.displayWidth());
    }

    @Test
    void theStepFollowsTheOrientationAndTheLetterboxTarget() {
        // stored 1536 x 2048 shown turned (Orientation 6): the 352 x 352 target fits 4 times across the stored width
        assertEquals(4, PhotoDecoder.subsampling(1536, 2048, 6, (width, height) -> new int[] {352, 352}));
        // a 4032 x 3024 photo letterboxed into 1280 is drawn 1280 x 960: every 3rd pixel (1344 x 1008) still covers it
        assertEquals(3, PhotoDecoder.subsampling(4032, 3024, 1,
                (width, height) -> ModelInput.neededDisplaySize(width, height, InputFormat.LETTERBOX_RGB, 1280, 1280)));
        // a photo smaller than the input is decoded whole
        assertEquals(1, PhotoDecoder.subsampling(100, 75, 1, (width, height) -> new int[] {352, 352}));
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
