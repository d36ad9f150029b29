package dk.munin.contract.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The specific damage the bad-input tests make to real photos, each one edit with a name: a
 * frame header that declares another size, a photo padded to hundreds of megabytes, an EXIF
 * block with thousands of entries, the image data cut or interrupted. Written from T.81 and the
 * TIFF 6.0 layout, independent of the readers under test.
 */
public final class JpegEdits {

    private static final int SOF0 = 0xC0;
    private static final int SOF2 = 0xC2;
    private static final int SOS = 0xDA;
    private static final int APP1 = 0xE1;
    private static final int MAX_SEGMENT_LENGTH = 0xFFFF;
    private static final int IFD_ENTRY = 12;
    private static final int TYPE_SHORT = 3;

    private JpegEdits() {
    }

    /** The same photo with its frame header (SOF0..SOF2) declaring {@code width} x {@code height}. */
    public static byte[] withFrameSize(byte[] jpeg, int width, int height) {
        int sof = segmentStart(jpeg, SOF0, SOF2);
        byte[] copy = jpeg.clone();
        copy[sof + 5] = (byte) (height >> 8);
        copy[sof + 6] = (byte) height;
        copy[sof + 7] = (byte) (width >> 8);
        copy[sof + 8] = (byte) width;
        return copy;
    }

    /** Where the image data starts: just after the scan header. */
    public static int imageDataStart(byte[] jpeg) {
        int sos = segmentStart(jpeg, SOS, SOS);
        return sos + 2 + (((jpeg[sos + 2] & 0xFF) << 8) | (jpeg[sos + 3] & 0xFF));
    }

    /** The photo cut so that {@code fraction} of its image data is left (the header whole). */
    public static byte[] withImageDataCut(byte[] jpeg, double fraction) {
        int start = imageDataStart(jpeg);
        return Arrays.copyOf(jpeg, start + (int) ((jpeg.length - start) * fraction));
    }

    /**
     * Writes the photo followed by zero bytes up to {@code totalBytes} (after its end-of-image
     * marker, where viewers ignore them), streamed so the test holds no such array itself.
     */
    public static Path writePadded(byte[] jpeg, long totalBytes, Path file) {
        byte[] zeros = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(jpeg);
            for (long left = totalBytes - jpeg.length; left > 0; left -= zeros.length) {
                out.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * The photo with an EXIF APP1 segment in front of its own segments whose IFD0 declares
     * {@code entries} entries, the first an Orientation of {@code orientation}, the rest unknown
     * tags. As many as fit in one segment (64 KB, about 5,400) are written; a count beyond that
     * runs past the segment's end, as a damaged or hostile file's would (no JPEG can carry 10,000
     * entries in one IFD).
     */
    public static byte[] withExifEntries(byte[] jpeg, int entries, int orientation) {
        int header = 8 + 2;   // TIFF header, entry count
        int written = Math.min(entries, (MAX_SEGMENT_LENGTH - 2 - 6 - header - 4) / IFD_ENTRY);
        int tiffBytes = header + written * IFD_ENTRY + 4;
        ByteBuffer tiff = ByteBuffer.allocate(tiffBytes).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        tiff.putShort((short) entries);
        for (int i = 0; i < written; i++) {
            int tag = i == 0 ? 0x0112 : 0xC000 + (i % 0x3000);
            tiff.putShort((short) tag).putShort((short) TYPE_SHORT).putInt(1).putShort((short) (i == 0 ? orientation : i))
                    .putShort((short) 0);
        }
        tiff.putInt(0);   // no next IFD
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(APP1);
        int length = 2 + 6 + tiffBytes;
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        out.write(tiff.array(), 0, tiffBytes);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** The first marker segment whose marker is in [{@code first}, {@code last}], walking from SOI. */
    private static int segmentStart(byte[] jpeg, int first, int last) {
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
            int marker = jpeg[at + 1] & 0xFF;
            if (marker >= first && marker <= last) {
                return at;
            }
            at += 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
        }
        throw new IllegalArgumentException("no marker 0x" + Integer.toHexString(first) + " before byte " + at);
    }
}
