package dk.munin.detector.photo;

import dk.munin.contract.jpeg.JpegMarker;
import dk.munin.contract.jpeg.JpegSegment;
import dk.munin.contract.jpeg.JpegSegmentWalker;
import dk.munin.contract.jpeg.JpegSource;

import java.awt.image.BufferedImage;
import java.util.Locale;

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
 * scans) raises {@link Unsupported}, and the caller decodes the photo another way.
 *
 * <p>Entropy data that ends early (a truncated file, or a header rewritten to a larger size)
 * ends the image: the result holds only the whole rows of blocks decoded from data that is in
 * the file, and says how many rows of the photo that is. Nothing larger than the data can fill is
 * allocated or decoded: before the planes are made, the bytes after the scan header bound how
 * many blocks they can hold (every block takes at least its shortest DC and AC codes), so a
 * 27 KB file claiming 65,500 × 65,500 pixels is refused at once as {@link Truncated}.
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

    /** The image data ends before enough of the photo: the message says how much is there. */
    public static final class Truncated extends Exception {
        Truncated(String what) {
            super(what);
        }
    }

    /**
     * The decoded rows that hold data.
     *
     * @param image       {@code ceil(width / reduction) × ceil(rowsPresent / reduction)} pixels, as stored (no EXIF turn)
     * @param rowsPresent the photo's rows, at full size, whose data is in the file: the frame's height when it is whole
     */
    public record Decoded(BufferedImage image, int rowsPresent) {
    }

    /** The frame header's height and width follow its marker, length and sample precision. */
    private static final int FRAME_HEIGHT = 5;
    private static final int FRAME_WIDTH = 7;
    private static final double PERCENT = 100.0;

    private final byte[] data;
    private final JpegHeader header;
    private final int entropyData;
    private final int mcusAcross;
    private final int mcusDown;
    private final int mcuHeight;

    private ScaledJpegDecoder(byte[] data, JpegHeader header, int entropyData) {
        this.data = data;
        this.header = header;
        this.entropyData = entropyData;
        this.mcusAcross = (header.width + 8 * header.maxH - 1) / (8 * header.maxH);
        this.mcusDown = (header.height + 8 * header.maxV - 1) / (8 * header.maxV);
        this.mcuHeight = 8 * header.maxV;
    }

    /**
     * Reads the header up to the image data.
     *
     * @throws Unsupported when this decoder does not handle the file (also for headers it cannot make sense of)
     */
    public static ScaledJpegDecoder open(byte[] jpeg) throws Unsupported {
        try {
            JpegSource source = JpegSource.of(jpeg);
            if (jpeg.length < 4 || !JpegSegmentWalker.startsWithSoi(source)) {
                throw new Unsupported("not a JPEG");
            }
            JpegHeader header = new JpegHeader(jpeg, source);
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
            return new ScaledJpegDecoder(jpeg, header, header.scan(scanHeader));
        } catch (IndexOutOfBoundsException | NegativeArraySizeException broken) {
            // Lengths and counts in the file are believed; where they point past the data, the file is broken.
            throw new Unsupported("malformed JPEG structure: " + broken);
        }
    }

    /**
     * The photo at 1/2, 1/4 or 1/8 of its size, as far as its data reaches.
     *
     * @param minRowsFraction the least fraction of the photo's rows that must be there (0 takes any whole row of blocks)
     * @throws Truncated when less is there (found before anything is allocated when the file is too short to hold it)
     */
    public static Decoded decode(byte[] jpeg, int reduction, double minRowsFraction) throws Unsupported, Truncated {
        return open(jpeg).decode(reduction, minRowsFraction);
    }

    /** The photo at 1/2, 1/4 or 1/8 of its size: as many whole rows of blocks as its data holds. */
    public static BufferedImage decode(byte[] jpeg, int reduction) throws Unsupported {
        try {
            return decode(jpeg, reduction, 0).image();
        } catch (Truncated nothingThere) {
            throw new Unsupported(nothingThere.getMessage());
        }
    }

    public int width() {
        return header.width;
    }

    /**
     * Refuses a file too short to hold {@code minRowsFraction} of the photo's rows (or a single
     * row of blocks), from its length alone: nothing is decoded or allocated.
     */
    public void requireData(double minRowsFraction) throws Truncated {
        rowsTheDataCanHold(minRowsFraction);
    }

    public int height() {
        return header.height;
    }

    /** @see #decode(byte[], int, double) */
    public Decoded decode(int reduction, double minRowsFraction) throws Unsupported, Truncated {
        if (reduction != 2 && reduction != 4 && reduction != 8) {
            throw new IllegalArgumentException("reduction must be 2, 4 or 8, not " + reduction);
        }
        int scale = 8 / reduction;
        try {
            int possibleRows = rowsTheDataCanHold(minRowsFraction);
            for (JpegComponent component : header.components) {
                component.planeWidth = mcusAcross * component.h * scale;
                component.planeHeight = possibleRows * component.v * scale;
                long size = (long) component.planeWidth * component.planeHeight;
                if (size > Integer.MAX_VALUE - 8) {
                    throw new Unsupported("a plane of " + size + " bytes");
                }
                component.plane = new byte[(int) size];
            }
            int rowsPresent = rowsPresent(scanRows(possibleRows, new ScaledIdct(scale), scale), minRowsFraction);
            BufferedImage image = ColourConversion.toImage(header.components, header.maxH, header.maxV,
                    (header.width + reduction - 1) / reduction, (rowsPresent + reduction - 1) / reduction);
            return new Decoded(image, rowsPresent);
        } catch (IndexOutOfBoundsException | NegativeArraySizeException broken) {
            throw new Unsupported("malformed JPEG structure: " + broken);
        }
    }

    /**
     * How many of the photo's rows, at full size, the file holds data for, found by reading the
     * entropy-coded data without making pixels: for a photo another decoder turns into pixels.
     *
     * @throws Truncated when that is less than {@code minRowsFraction} of them
     */
    public int rowsPresent(double minRowsFraction) throws Unsupported, Truncated {
        try {
            return rowsPresent(scanRows(rowsTheDataCanHold(minRowsFraction), null, 1), minRowsFraction);
        } catch (IndexOutOfBoundsException | NegativeArraySizeException broken) {
            throw new Unsupported("malformed JPEG structure: " + broken);
        }
    }

    /**
     * The rows of blocks the bytes after the scan header could hold at most: each block takes at
     * least its DC table's and its AC table's shortest codes (restart markers and stuffing only add bytes).
     */
    private int rowsTheDataCanHold(double minRowsFraction) throws Truncated {
        long bitsPerMcu = 0;
        for (JpegComponent component : header.components) {
            bitsPerMcu += (long) component.h * component.v * (component.dcTable.minLength + component.acTable.minLength);
        }
        long bytes = Math.max(0, data.length - entropyData);
        long possibleMcus = bytes * 8 / bitsPerMcu;
        int rows = (int) Math.min(mcusDown, possibleMcus / mcusAcross);
        int pixelRows = Math.min(header.height, rows * mcuHeight);
        if (rows == 0 || pixelRows < minRowsFraction * header.height) {
            throw new Truncated(String.format(Locale.ROOT, "the image data (%d bytes) can hold at most %d of the %d rows "
                    + "of the %dx%d pixels the header declares (%s of the photo)", bytes, pixelRows, header.height,
                    header.width, header.height, percent(pixelRows)));
        }
        return rows;
    }

    /**
     * Decodes the scan's MCUs row by row, each block into its component's plane (none when
     * {@code idct} is null), and stops at the first row whose data is not all there.
     *
     * @return the rows of MCUs decoded whole from data in the file
     */
    private int scanRows(int rows, ScaledIdct idct, int scale) {
        JpegComponent[] components = header.components;
        for (JpegComponent component : components) {
            component.predictor = 0;   // a scan starts its DC predictions afresh, also when this decoder is asked twice
        }
        EntropyDecoder entropy = new EntropyDecoder(data, entropyData, components, scale);
        float[] coefficients = new float[64];
        int restartInterval = header.restartInterval;
        for (int mcuY = 0; mcuY < rows; mcuY++) {
            for (int mcuX = 0; mcuX < mcusAcross; mcuX++) {
                int mcu = mcuY * mcusAcross + mcuX;
                if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0) {
                    entropy.restart();
                }
                for (JpegComponent component : components) {
                    for (int by = 0; by < component.v; by++) {
                        for (int bx = 0; bx < component.h; bx++) {
                            boolean hasAc = entropy.decodeBlock(component, coefficients);
                            if (idct != null) {
                                idct.writeBlock(component, coefficients, hasAc, (mcuX * component.h + bx) * scale,
                                        (mcuY * component.v + by) * scale);
                            }
                        }
                    }
                }
            }
            if (entropy.ranOut()) {
                return mcuY;
            }
        }
        return rows;
    }

    /** The photo's rows in the decoded rows of MCUs, or Truncated when they are too few. */
    private int rowsPresent(int mcuRows, double minRowsFraction) throws Truncated {
        int rows = Math.min(header.height, mcuRows * mcuHeight);
        if (rows == 0 || rows < minRowsFraction * header.height) {
            throw new Truncated(String.format(Locale.ROOT, "the image data ends after %d of the photo's %d rows (%s of the photo)",
                    rows, header.height, percent(rows)));
        }
        return rows;
    }

    private String percent(int rows) {
        double share = rows * PERCENT / header.height;
        return share >= 1 || share == 0 ? String.format(Locale.ROOT, "%.0f %%", Math.floor(share))
                : String.format(Locale.ROOT, "%.2g %%", share);
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
