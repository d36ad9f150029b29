package dk.munin.detector.photo;

import dk.munin.contract.photos.UnreadablePhoto;
import dk.munin.contract.testing.JpegEdits;
import dk.munin.contract.testing.SharedData;
import dk.munin.detector.testing.TestPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Photos whose data ends before their declared size: decoded as far as the data goes, flagged by
 * how far that is, refused when too little is there, and never paid for at the declared size.
 */
class TruncatedPhotosTest {

    private static final PhotoDecoder.SmallestUseful FASTESTDET = (width, height) -> new int[] {352, 352};
    /** The detector's defaults: half the rows, Stage-0's absurd size. */
    private static final PhotoDecoder.Limits LIMITS = new PhotoDecoder.Limits(0.5, 250_000_000L);
    /** A refusal allocates the header's tables and a message, nowhere near a raster of the declared size. */
    private static final long CHEAP_BYTES = 4L << 20;

    @TempDir
    Path dir;

    /** The known bug: a real 27 KB photo whose SOF says 65,500 x 65,500 was decoded whole (400 MB, seconds, boxes in grey filler). */
    @Test
    void aRealPhotoWhoseHeaderClaims65500PixelsSquareIsRefusedAsTruncatedCheaply() throws Exception {
        byte[] photo = Files.readAllBytes(SharedData.image("camtrapR_sabah_raw/StationA/IMG0002.JPG"));
        byte[] huge = JpegEdits.withFrameSize(photo, 65_500, 65_500);

        for (PhotoDecoder.Limits limits : new PhotoDecoder.Limits[] {LIMITS, PhotoDecoder.Limits.NONE}) {
            for (PhotoDecoder.SmallestUseful size : new PhotoDecoder.SmallestUseful[] {FASTESTDET, PhotoDecoder.FULL_SIZE}) {
                long before = allocatedBytes();
                UnreadablePhoto refused = assertThrows(UnreadablePhoto.class, () -> PhotoDecoder.decode(huge, size, limits));
                long allocated = allocatedBytes() - before;

                assertTrue(refused.getMessage().startsWith("truncated: the image data ("), refused.getMessage());
                assertTrue(refused.getMessage().contains("65500x65500 pixels the header declares"), refused.getMessage());
                assertTrue(allocated < CHEAP_BYTES, "refusing it allocated " + allocated + " bytes");
            }
        }
    }

    @Test
    void theSharedTruncatedPhotoIsReadAsFarAsItsDataGoesAtReducedAndFullSize() throws Exception {
        byte[] cut = Files.readAllBytes(SharedData.image("speciesnet_test_data/african_elephants_truncated_file.jpg"));

        Photo reduced = PhotoDecoder.decode(cut, FASTESTDET, LIMITS);
        Photo full = PhotoDecoder.decode(cut, PhotoDecoder.FULL_SIZE, LIMITS);

        // 600,000 of 647,940 bytes: ImageIO's "premature end" warning comes at the same row, 1328 of 1536
        for (Photo photo : new Photo[] {reduced, full}) {
            assertTrue(photo.isTruncated());
            assertEquals(1328, photo.rowsPresent());
            assertEquals(2048, photo.displayWidth(), "boxes are still given on the whole photo");
            assertEquals(1536, photo.displayHeight());
            assertEquals(1328, photo.present().displayHeight());
        }
        assertEquals(1328 / 4, reduced.stored().getHeight(), "a quarter-size decode of the rows present");
        assertEquals(1328, full.stored().getHeight(), "ImageIO's grey rows are cut off");
    }

    @Test
    void aWholePhotoIsNotTruncated() throws Exception {
        byte[] whole = TestPhotos.bytes(dir, 1600, 1200, 7);

        Photo photo = PhotoDecoder.decode(whole, FASTESTDET, LIMITS);

        assertFalse(photo.isTruncated());
        assertEquals(1200, photo.rowsPresent());
        assertEquals(photo, photo.present());
    }

    @Test
    void lessThanTheMinimumFractionIsRefusedAndMoreIsRead() throws Exception {
        byte[] whole = TestPhotos.bytes(dir, 1600, 1200, 7);
        byte[] quarter = JpegEdits.withImageDataCut(whole, 0.25);
        byte[] most = JpegEdits.withImageDataCut(whole, 0.9);

        UnreadablePhoto refused = assertThrows(UnreadablePhoto.class, () -> PhotoDecoder.decode(quarter, FASTESTDET, LIMITS));
        Photo read = PhotoDecoder.decode(most, FASTESTDET, LIMITS);

        assertTrue(refused.getMessage().startsWith("truncated: the image data ends after "), refused.getMessage());
        assertTrue(refused.getMessage().endsWith("at least 50 % must be there to detect in it (DETECTOR_TRUNCATED_MIN_FRACTION)"),
                refused.getMessage());
        assertTrue(read.isTruncated() && read.rowsPresent() >= 600 && read.rowsPresent() < 1200, "rows " + read.rowsPresent());
        assertTrue(PhotoDecoder.decode(quarter, FASTESTDET, PhotoDecoder.Limits.NONE).isTruncated(), "with no minimum it is read");
    }

    @Test
    void aProgressiveJpegClaimingAHugeSizeIsRefusedBeforeImageIoDecodesIt() throws Exception {
        byte[] huge = JpegEdits.withFrameSize(progressiveJpeg(640, 480), 65_500, 65_500);

        UnreadablePhoto refused = assertThrows(UnreadablePhoto.class, () -> PhotoDecoder.decode(huge, FASTESTDET, LIMITS));

        assertTrue(refused.getMessage().startsWith("truncated: the image data ("), refused.getMessage());
    }

    @Test
    void aPhotoDeclaringMorePixelsThanTheLimitIsNotDecoded() throws Exception {
        byte[] photo = TestPhotos.bytes(dir, 640, 480, 3);

        UnreadablePhoto refused = assertThrows(UnreadablePhoto.class,
                () -> PhotoDecoder.decode(photo, FASTESTDET, new PhotoDecoder.Limits(0.5, 100_000)));

        assertEquals("absurd dimensions 640x480 in the header: 307200 pixels, more than DETECTOR_MAX_IMAGE_PIXELS = 100000",
                refused.getMessage());
    }

    @Test
    void thePresentRowsLieWhereTheOrientationTurnsTheTopOfTheStoredPhoto() {
        BufferedImage rows = new BufferedImage(100, 30, BufferedImage.TYPE_INT_RGB);
        // stored 100 x 80, the top 30 rows present
        assertArrayEquals(new int[] {0, 0}, new Photo(rows, 1, 100, 80, 30).presentOffset());
        assertArrayEquals(new int[] {0, 0}, new Photo(rows, 2, 100, 80, 30).presentOffset());
        assertArrayEquals(new int[] {0, 50}, new Photo(rows, 3, 100, 80, 30).presentOffset(), "turned 180: at the bottom");
        assertArrayEquals(new int[] {0, 50}, new Photo(rows, 4, 100, 80, 30).presentOffset(), "mirrored top-bottom");
        assertArrayEquals(new int[] {0, 0}, new Photo(rows, 5, 100, 80, 30).presentOffset(), "transposed: on the left");
        assertArrayEquals(new int[] {50, 0}, new Photo(rows, 6, 100, 80, 30).presentOffset(), "turned 90 clockwise: on the right");
        assertArrayEquals(new int[] {50, 0}, new Photo(rows, 7, 100, 80, 30).presentOffset());
        assertArrayEquals(new int[] {0, 0}, new Photo(rows, 8, 100, 80, 30).presentOffset(), "turned 90 counter-clockwise: on the left");
        Photo turned = new Photo(rows, 6, 100, 80, 30).present();
        assertEquals(30, turned.displayWidth());
        assertEquals(100, turned.displayHeight());
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static byte[] progressiveJpeg(int width, int height) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR), null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
