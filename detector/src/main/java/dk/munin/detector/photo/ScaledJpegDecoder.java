package dk.munin.detector.photo;

import dk.munin.contract.jpeg.JpegMarker;
import dk.munin.contract.jpeg.JpegSegment;
import dk.munin.contract.jpeg.JpegSegmentWalker;
import dk.munin.contract.jpeg.JpegSource;

import java.awt.image.BufferedImage;

/**
 * Decodes a baseline JPEG straight to 1/2, 1/4 or 1/8 of its size, in the DCT domain: each 8×8
 * block's top-left N×N coefficients go through an N-point inverse DCT (N = 4, 2 or 1), giving
 * the block's N×N pixels at reduced scale, filtered rather than point-sampled. The entropy-coded
 * data must still be read in full, but the inverse transforms, chroma upsampling and colour
 * conversion, most of a full decode, shrink with the output. Written from ITU-T T.81 (the JPEG
 * standard) and JFIF 1.02 (the colour conversion).
 *
 * <p>Handles what camera traps write: baseline or extended sequential Huffman (SOF0/SOF1),
 * 8-bit, greyscale or YCbCr with any sampling factors, restart intervals, one scan holding every
 * component. Anything else (progressive, arithmetic coding, 12-bit, CMYK, Adobe RGB, several
 * scans) raises {@link Unsupported}, and the caller decodes the photo another way. Entropy data
 * that ends early (a truncated file) ends the image with flat blocks, as libjpeg does.
 *
 * <p>The work is split by concern: the segment walk (the contract's {@link JpegSegmentWalker}),
 * {@link JpegHeader} (frame, tables, scan header), {@link EntropyDecoder} (bit reader and Huffman
 * decoding), {@link ScaledIdct} (the N-point inverse DCT), {@link ColourConversion} (upsampling
 * and YCbCr to RGB); this class drives them over the MCUs.
 */
public final class ScaledJpegDecoder {

    /** The photo is a JPEG this decoder does not handle; decode it another way. */
    public static final class Unsupported extends Exception {
        Unsupported(String what) {
            super(what);
        }
    }

    /** The frame header's height and width follow its marker, length and sample precision. */
    private static final int FRAME_HEIGHT = 5;
    private static final int FRAME_WIDTH = 7;

    private final byte[] data;
    private final int reduction;
    private final int scale;             // output pixels per block side: 4, 2 or 1

    /**
     * @param reduction 2, 4 or 8: the output is {@code ceil(width / reduction) × ceil(height / reduction)}
     */
    private ScaledJpegDecoder(byte[] data, int reduction) {
        this.data = data;
        this.reduction = reduction;
        this.scale = 8 / reduction;
    }

    /**
     * @param reduction 2, 4 or 8
     * @return the pixels, {@code ceil(width / reduction) × ceil(height / reduction)}, as stored (no EXIF turn)
     * @throws Unsupported when this decoder does not handle the file (also for data it cannot make sense of)
     */
    public static BufferedImage decode(byte[] jpeg, int reduction) throws Unsupported {
        if (reduction != 2 && reduction != 4 && reduction != 8) {
            throw new IllegalArgumentException("reduction must be 2, 4 or 8, not " + reduction);
        }
        try {
            return new ScaledJpegDecoder(jpeg, reduction).run();
        } catch (ArrayIndexOutOfBoundsException | NegativeArraySizeException broken) {
            // Lengths and counts in the file are believed; where they point past the data, the file is broken.
            throw new Unsupported("malformed JPEG structure: " + broken);
        }
    }

    private BufferedImage run() throws Unsupported {
        JpegSource source = JpegSource.of(data);
        if (data.length < 4 || !JpegSegmentWalker.startsWithSoi(source)) {
            throw new Unsupported("not a JPEG");
        }
        JpegHeader header = new JpegHeader(data, source);
        // Junk between segments is stepped over: a photo with a damaged header still decodes, as in libjpeg.
        JpegSegmentWalker walker = JpegSegmentWalker.skippingJunk(source);
        for (JpegSegment segment = walker.next(); segment != null; segment = walker.next()) {
            header.read(segment);
        }
        JpegSegmentWalker.Stop stop = walker.stop();
        if (stop.reason() == JpegSegmentWalker.Reason.CUT_INSIDE_MARKER) {
            throw new Unsupported("malformed JPEG structure: the file ends inside the marker at byte " + stop.position());
        }
        if (stop.reason() != JpegSegmentWalker.Reason.START_OF_SCAN) {
            throw new Unsupported("no image data");
        }
        int scanHeader = (int) stop.position() + 4;   // after the SOS marker and its length field
        decodeScan(header, header.scan(scanHeader));
        return ColourConversion.toImage(header.components, header.maxH, header.maxV,
                (header.width + reduction - 1) / reduction, (header.height + reduction - 1) / reduction);
    }

    /** Every MCU of the one interleaved scan, block by block, into each component's plane. */
    private void decodeScan(JpegHeader header, int entropyData) {
        JpegComponent[] components = header.components;
        int mcusAcross = (header.width + 8 * header.maxH - 1) / (8 * header.maxH);
        int mcusDown = (header.height + 8 * header.maxV - 1) / (8 * header.maxV);
        for (JpegComponent component : components) {
            component.planeWidth = mcusAcross * component.h * scale;
            component.planeHeight = mcusDown * component.v * scale;
            component.plane = new byte[component.planeWidth * component.planeHeight];
        }
        EntropyDecoder entropy = new EntropyDecoder(data, entropyData, components, scale);
        ScaledIdct idct = new ScaledIdct(scale);
        float[] coefficients = new float[64];
        int restartInterval = header.restartInterval;
        int mcus = mcusAcross * mcusDown;
        for (int mcu = 0; mcu < mcus; mcu++) {
            if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0) {
                entropy.restart();
            }
            int mcuX = mcu % mcusAcross;
            int mcuY = mcu / mcusAcross;
            for (JpegComponent component : components) {
                for (int by = 0; by < component.v; by++) {
                    for (int bx = 0; bx < component.h; bx++) {
                        boolean hasAc = entropy.decodeBlock(component, coefficients);
                        idct.writeBlock(component, coefficients, hasAc, (mcuX * component.h + bx) * scale, (mcuY * component.v + by) * scale);
                    }
                }
            }
        }
    }

    /**
     * The stored width and height from the frame header of a JPEG this decoder handles, without
     * decoding anything; null for anything else (then ask ImageIO).
     */
    public static int[] size(byte[] jpeg) {
        JpegSource source = JpegSource.of(jpeg);
        if (jpeg.length < 4 || !JpegSegmentWalker.startsWithSoi(source)) {
            return null;
        }
        // Strict, unlike the decoder's walk: a header this damaged goes to ImageIO rather than to the fast path.
        JpegSegmentWalker walker = JpegSegmentWalker.strict(source);
        for (JpegSegment segment = walker.next(); segment != null; segment = walker.next()) {
            int marker = segment.marker();
            if (marker == JpegMarker.SOF0 || marker == JpegMarker.SOF1) {
                int at = (int) segment.start();
                if (source.readable(at, FRAME_WIDTH + 2) < FRAME_WIDTH + 2) {
                    return null;
                }
                int height = (source.byteAt(at + FRAME_HEIGHT) << 8) | source.byteAt(at + FRAME_HEIGHT + 1);
                int width = (source.byteAt(at + FRAME_WIDTH) << 8) | source.byteAt(at + FRAME_WIDTH + 1);
                return width > 0 && height > 0 ? new int[] {width, height} : null;
            }
            if (segment.isFrameHeader()) {
                return null;   // another JPEG process
            }
        }
        return null;   // no frame header before the image data, or a broken one
    }
}
