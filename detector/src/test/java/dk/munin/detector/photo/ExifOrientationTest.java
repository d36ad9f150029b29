package dk.munin.detector.photo;

import dk.munin.contract.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExifOrientationTest {

    @Test
    void readsABigEndianOrientation() {
        assertEquals(6, ExifOrientation.of(jpegWithOrientation(ByteOrder.BIG_ENDIAN, 6)));
    }

    @Test
    void readsALittleEndianOrientation() {
        assertEquals(8, ExifOrientation.of(jpegWithOrientation(ByteOrder.LITTLE_ENDIAN, 8)));
    }

    @Test
    void anythingMissingOrBrokenMeansAsStored() {
        byte[] valid = jpegWithOrientation(ByteOrder.BIG_ENDIAN, 6);
        assertEquals(1, ExifOrientation.of(new byte[0]));
        assertEquals(1, ExifOrientation.of("not a jpeg at all".getBytes()));
        assertEquals(1, ExifOrientation.of(Arrays.copyOf(valid, 20)));
        assertEquals(1, ExifOrientation.of(jpegWithOrientation(ByteOrder.BIG_ENDIAN, 9)));
    }

    @Test
    void fillBytesAndRestartMarkersBeforeTheExifSegmentAreSteppedOver() {
        byte[] plain = jpegWithOrientation(ByteOrder.BIG_ENDIAN, 6);
        ByteArrayOutputStream padded = new ByteArrayOutputStream();
        padded.write(plain, 0, 2);
        padded.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD0, (byte) 0xFF, (byte) 0xFF});   // RST0, then a fill byte before APP1
        padded.write(plain, 2, plain.length - 2);

        assertEquals(6, ExifOrientation.of(padded.toByteArray()));
    }

    @Test
    void readsTheOrientationOfARealPhoto() throws Exception {
        byte[] turned = Files.readAllBytes(SharedData.image("speciesnet_test_data/african_elephants_with_exif_orientation.jpg"));
        byte[] upright = Files.readAllBytes(SharedData.image("speciesnet_test_data/african_elephants.jpg"));
        assertEquals(6, ExifOrientation.of(turned));
        assertEquals(1, ExifOrientation.of(upright));
    }

    @Test
    void mapsDisplayedPixelsToStoredOnes() {
        // stored 3 × 2:   a b c
        //                 d e f     indices 0..5
        // orientation 6 shows it turned clockwise, 2 × 3:  d a / e b / f c
        int[] shown6 = {3, 0, 4, 1, 5, 2};
        // orientation 8 shows it turned counter-clockwise:  c f / b e / a d
        int[] shown8 = {2, 5, 1, 4, 0, 3};
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 2; x++) {
                assertEquals(shown6[y * 2 + x], ExifOrientation.storedIndex(6, x, y, 3, 2));
                assertEquals(shown8[y * 2 + x], ExifOrientation.storedIndex(8, x, y, 3, 2));
            }
        }
        // orientation 3: turned 180°, 3 × 2:  f e d / c b a
        assertEquals(5, ExifOrientation.storedIndex(3, 0, 0, 3, 2));
        assertEquals(0, ExifOrientation.storedIndex(3, 2, 1, 3, 2));
    }

    /** SOI, an APP1 Exif segment whose IFD0 holds one entry (Orientation), and EOI. */
    private static byte[] jpegWithOrientation(ByteOrder order, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26).order(order);
        tiff.put(order == ByteOrder.BIG_ENDIAN ? new byte[] {'M', 'M'} : new byte[] {'I', 'I'});
        tiff.putShort((short) 42).putInt(8);                   // magic, IFD0 right after the header
        tiff.putShort((short) 1);                              // one entry
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);                                        // no next IFD
        byte[] exif = "Exif\0\0".getBytes();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        jpeg.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1});
        int length = 2 + exif.length + tiff.capacity();
        jpeg.write(length >> 8);
        jpeg.write(length & 0xFF);
        jpeg.writeBytes(exif);
        jpeg.writeBytes(tiff.array());
        jpeg.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
        return jpeg.toByteArray();
    }
}
