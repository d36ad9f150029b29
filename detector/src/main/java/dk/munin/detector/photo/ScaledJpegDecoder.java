package dk.munin.detector.photo;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

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
 */
public final class ScaledJpegDecoder {

    /** The photo is a JPEG this decoder does not handle; decode it another way. */
    public static final class Unsupported extends Exception {
        Unsupported(String what) {
            super(what);
        }
    }

    /** Natural (row-major) position of each zig-zag coefficient index (T.81 figure A.6). */
    private static final int[] ZIGZAG = {
            0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
            12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
            35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
            58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63};
    private static final int LOOKAHEAD_BITS = 9;
    /** 4-point inverse DCT weights: 1/(2√2), cos(π/8)/2, cos(3π/8)/2. */
    private static final float IDCT4_A = (float) (1 / (2 * Math.sqrt(2)));
    private static final float IDCT4_B = (float) (Math.cos(Math.PI / 8) / 2);
    private static final float IDCT4_C = (float) (Math.cos(3 * Math.PI / 8) / 2);
    /** The most bits one coefficient takes: a Huffman code (16) and its value (11 for a DC difference). */
    private static final int MAX_COEFFICIENT_BITS = 27;
    private static final java.lang.invoke.VarHandle BIG_ENDIAN_INT =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.BIG_ENDIAN);

    private final byte[] data;
    private final int scale;             // output pixels per block side: 4, 2 or 1
    private final int[][] quantization = new int[4][];
    private final Huffman[] dcTables = new Huffman[4];
    private final Huffman[] acTables = new Huffman[4];
    private final boolean[] kept = new boolean[64];   // zig-zag indices inside the top-left N×N
    private final float[] rowBuffer;
    private boolean blockHasAc;   // whether the block just decoded has a kept AC coefficient; if not it is flat
    private int width;
    private int height;
    private Component[] components;
    private int maxH;
    private int maxV;
    private int restartInterval;
    private boolean adobeRgb;
    private boolean decoded;

    private static final class Component {
        int id;
        int h;
        int v;
        int quantTable;
        int dcTable;
        int acTable;
        int predictor;
        int planeWidth;
        int planeHeight;
        byte[] plane;
    }

    /**
     * @param reduction 2, 4 or 8: the output is {@code ceil(width / reduction) × ceil(height / reduction)}
     */
    private ScaledJpegDecoder(byte[] data, int reduction) {
        this.data = data;
        this.scale = 8 / reduction;
        this.rowBuffer = new float[16];
        for (int z = 0; z < 64; z++) {
            kept[z] = ZIGZAG[z] / 8 < scale && ZIGZAG[z] % 8 < scale;
        }
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
            throw new Unsupported("malformed JPEG structure: " + broken);
        }
    }

    private BufferedImage run() throws Unsupported {
        if (data.length < 4 || u8(0) != 0xFF || u8(1) != 0xD8) {
            throw new Unsupported("not a JPEG");
        }
        int at = 2;
        while (!decoded) {
            while (at < data.length && u8(at) != 0xFF) {
                at++;   // tolerate junk between segments
            }
            while (at < data.length && u8(at) == 0xFF) {
                at++;   // fill bytes
            }
            if (at >= data.length) {
                break;
            }
            int marker = u8(at++);
            if (marker == 0xD9) {
                break;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue;   // markers without a length
            }
            int length = (u8(at) << 8) | u8(at + 1);
            int segment = at + 2;
            int next = at + length;
            switch (marker) {
                case 0xC0, 0xC1 -> frame(segment);
                case 0xC4 -> huffmanTables(segment, next);
                case 0xDB -> quantizationTables(segment, next);
                case 0xDD -> restartInterval = (u8(segment) << 8) | u8(segment + 1);
                case 0xEE -> adobe(segment, length - 2);
                case 0xDA -> {
                    next = scan(segment);
                    decoded = true;
                }
                default -> {
                    if (marker >= 0xC2 && marker <= 0xCF) {
                        throw new Unsupported(String.format("JPEG process SOF%d", marker - 0xC0));
                    }
                }
            }
            at = next;
        }
        if (!decoded) {
            throw new Unsupported("no image data");
        }
        return toImage();
    }

    private void frame(int at) throws Unsupported {
        if (u8(at) != 8) {
            throw new Unsupported(u8(at) + "-bit samples");
        }
        height = (u8(at + 1) << 8) | u8(at + 2);
        width = (u8(at + 3) << 8) | u8(at + 4);
        int count = u8(at + 5);
        if (width == 0 || height == 0 || (count != 1 && count != 3)) {
            throw new Unsupported(count + " components, " + width + "x" + height);
        }
        components = new Component[count];
        for (int i = 0; i < count; i++) {
            Component component = new Component();
            int offset = at + 6 + 3 * i;
            component.id = u8(offset);
            component.h = u8(offset + 1) >> 4;
            component.v = u8(offset + 1) & 15;
            component.quantTable = u8(offset + 2) & 3;
            if (component.h < 1 || component.h > 4 || component.v < 1 || component.v > 4) {
                throw new Unsupported("sampling factors " + component.h + "x" + component.v);
            }
            components[i] = component;
            maxH = Math.max(maxH, component.h);
            maxV = Math.max(maxV, component.v);
        }
        if (count == 1) {
            components[0].h = 1;   // a single component is never interleaved: its sampling factors do not matter
            components[0].v = 1;
            maxH = 1;
            maxV = 1;
        }
    }

    private void adobe(int at, int length) {
        // APP14 "Adobe": transform 0 means the three components are RGB, not YCbCr
        if (length >= 12 && u8(at) == 'A' && u8(at + 1) == 'd' && u8(at + 2) == 'o' && u8(at + 3) == 'b' && u8(at + 4) == 'e') {
            adobeRgb = u8(at + 11) == 0;
        }
    }

    private void quantizationTables(int at, int end) throws Unsupported {
        while (at < end) {
            int precision = u8(at) >> 4;
            int id = u8(at) & 3;
            int[] table = new int[64];
            at++;
            for (int z = 0; z < 64; z++) {
                table[z] = precision == 0 ? u8(at + z) : (u8(at + 2 * z) << 8) | u8(at + 2 * z + 1);
            }
            at += precision == 0 ? 64 : 128;
            if (precision > 1) {
                throw new Unsupported("quantization precision " + precision);
            }
            quantization[id] = table;   // in zig-zag order, as the coefficients arrive
        }
    }

    private void huffmanTables(int at, int end) {
        while (at < end) {
            int tableClass = u8(at) >> 4;
            int id = u8(at) & 3;
            int[] counts = new int[17];
            int total = 0;
            for (int length = 1; length <= 16; length++) {
                counts[length] = u8(at + length);
                total += counts[length];
            }
            int[] symbols = new int[total];
            for (int i = 0; i < total; i++) {
                symbols[i] = u8(at + 17 + i);
            }
            Huffman table = new Huffman(counts, symbols);
            if (tableClass == 0) {
                dcTables[id] = table;
            } else {
                acTables[id] = table;
            }
            at += 17 + total;
        }
    }

    /** A canonical Huffman table (T.81 annex C): a lookahead table for short codes, the annex F limits for long ones. */
    private static final class Huffman {
        final int[] lookahead = new int[1 << LOOKAHEAD_BITS];   // (length << 8) | symbol, 0 when the code is longer
        /**
         * For AC tables: when a code and its value together fit in the lookahead bits, the whole
         * coefficient at once, {@code (value << 8) | (run << 4) | total length}; 0 otherwise.
         */
        final int[] fastAc = new int[1 << LOOKAHEAD_BITS];
        final int[] maxCode = new int[18];
        final int[] valueOffset = new int[17];
        final int[] symbols;

        Huffman(int[] counts, int[] symbols) {
            this.symbols = symbols;
            int code = 0;
            int index = 0;
            for (int length = 1; length <= 16; length++) {
                valueOffset[length] = index - code;
                for (int i = 0; i < counts[length]; i++) {
                    if (length <= LOOKAHEAD_BITS) {
                        int shift = LOOKAHEAD_BITS - length;
                        for (int fill = 0; fill < (1 << shift); fill++) {
                            lookahead[(code << shift) | fill] = (length << 8) | symbols[index];
                        }
                    }
                    code++;
                    index++;
                }
                maxCode[length] = counts[length] > 0 ? code - 1 : -1;
                code <<= 1;
            }
            maxCode[17] = Integer.MAX_VALUE;
            for (int bits = 0; bits < lookahead.length; bits++) {
                int entry = lookahead[bits];
                int length = entry >> 8;
                int magnitude = entry & 15;
                if (entry != 0 && magnitude != 0 && length + magnitude <= LOOKAHEAD_BITS) {
                    int raw = (bits >> (LOOKAHEAD_BITS - length - magnitude)) & ((1 << magnitude) - 1);
                    int run = (entry >> 4) & 15;
                    fastAc[bits] = (extend(raw, magnitude) << 8) | (run << 4) | (length + magnitude);
                }
            }
        }
    }

    // ---- entropy-coded data: a bit reader over the scan ----

    private int position;
    private long bitBuffer;
    private int bitCount;
    private boolean endOfData;    // a marker or the end of the file: from here on only zero bits
    private int paddingBits;      // how many of the buffered bits are that zero padding

    /** Tops the bit buffer up to at least 57 bits; locals keep the hot loop in registers. */
    private void fill() {
        long buffer = bitBuffer;
        int count = bitCount;
        int at = position;
        byte[] bytes = data;
        if (count <= 32 && !endOfData && at + 4 <= bytes.length) {
            // Four bytes at once when none of them is 0xFF (no stuffing, no marker): nearly always.
            int word = (int) BIG_ENDIAN_INT.get(bytes, at);
            int inverted = ~word;
            if (((inverted - 0x01010101) & ~inverted & 0x80808080) == 0) {
                buffer |= (word & 0xFFFFFFFFL) << (32 - count);
                count += 32;
                at += 4;
            }
        }
        while (count <= 56) {
            int value = 0;
            if (endOfData) {
                paddingBits += 8;
            } else if (at >= bytes.length) {
                endOfData = true;
                paddingBits += 8;
            } else {
                value = bytes[at] & 0xFF;
                if (value != 0xFF) {
                    at++;
                } else if (at + 1 < bytes.length && bytes[at + 1] == 0) {
                    at += 2;   // stuffed zero: the data byte 0xFF
                } else {
                    endOfData = true;   // a marker (RSTn, EOI): leave it for resync
                    paddingBits += 8;
                    value = 0;
                }
            }
            buffer |= (long) value << (56 - count);
            count += 8;
        }
        bitBuffer = buffer;
        bitCount = count;
        position = at;
    }

    /** At a restart interval's end: drop the leftover bits, step over the RSTn marker, reset the predictors. */
    private void restart() {
        bitBuffer = 0;
        bitCount = 0;
        paddingBits = 0;
        while (position + 1 < data.length && !(u8(position) == 0xFF && u8(position + 1) >= 0xD0 && u8(position + 1) <= 0xD7)) {
            position++;
        }
        if (position + 1 < data.length) {
            position += 2;
            endOfData = false;
        }
        for (Component component : components) {
            component.predictor = 0;
        }
    }

    private int scan(int at) throws Unsupported {
        if (components == null) {
            throw new Unsupported("scan before frame");
        }
        if (adobeRgb && components.length == 3) {
            throw new Unsupported("Adobe RGB JPEG");
        }
        int count = u8(at);
        if (count != components.length) {
            throw new Unsupported("a scan with " + count + " of " + components.length + " components");
        }
        for (int i = 0; i < count; i++) {
            int id = u8(at + 1 + 2 * i);
            Component component = null;
            for (Component candidate : components) {
                if (candidate.id == id) {
                    component = candidate;
                }
            }
            if (component == null) {
                throw new Unsupported("scan names unknown component " + id);
            }
            component.dcTable = u8(at + 2 + 2 * i) >> 4;
            component.acTable = u8(at + 2 + 2 * i) & 15;
            if (dcTables[component.dcTable & 3] == null || acTables[component.acTable & 3] == null
                    || quantization[component.quantTable] == null) {
                throw new Unsupported("missing Huffman or quantization table");
            }
        }
        position = at + 1 + 2 * count + 3;
        int mcusAcross = (width + 8 * maxH - 1) / (8 * maxH);
        int mcusDown = (height + 8 * maxV - 1) / (8 * maxV);
        for (Component component : components) {
            component.planeWidth = mcusAcross * component.h * scale;
            component.planeHeight = mcusDown * component.v * scale;
            component.plane = new byte[component.planeWidth * component.planeHeight];
        }
        float[] coefficients = new float[64];
        int mcus = mcusAcross * mcusDown;
        for (int mcu = 0; mcu < mcus; mcu++) {
            if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0) {
                restart();
            }
            int mcuX = mcu % mcusAcross;
            int mcuY = mcu / mcusAcross;
            for (Component component : components) {
                for (int by = 0; by < component.v; by++) {
                    for (int bx = 0; bx < component.h; bx++) {
                        decodeBlock(component, coefficients);
                        writeBlock(component, coefficients, (mcuX * component.h + bx) * scale, (mcuY * component.v + by) * scale);
                    }
                }
            }
        }
        return position;
    }

    private void decodeBlock(Component component, float[] coefficients) {
        for (int v = 0; v < scale; v++) {
            for (int u = 0; u < scale; u++) {
                coefficients[v * 8 + u] = 0f;   // only the top-left N×N are ever read
            }
        }
        int[] quant = quantization[component.quantTable];
        blockHasAc = false;
        if (endOfData) {
            paddingBits = Math.min(paddingBits, bitCount);
            if (bitCount == paddingBits) {
                return;   // the data ended early (a truncated file): grey blocks, as libjpeg leaves them
            }
        }
        // At most one refill per coefficient: a code (at most 16 bits) and its value (at most 11) fit in the 57 bits.
        if (bitCount < MAX_COEFFICIENT_BITS) {
            fill();
        }
        int dc = symbolOf(dcTables[component.dcTable & 3]);
        int size = dc & 0xFF;
        int consumed = dc >> 8;
        long buffer = bitBuffer << consumed;
        if (size != 0) {
            component.predictor += extend((int) (buffer >>> (64 - size)), size);
            buffer <<= size;
            consumed += size;
        }
        bitBuffer = buffer;
        bitCount -= consumed;
        coefficients[0] = component.predictor * quant[0];
        Huffman ac = acTables[component.acTable & 3];
        for (int k = 1; k < 64; k++) {
            if (bitCount < MAX_COEFFICIENT_BITS) {
                fill();
            }
            int fast = ac.fastAc[(int) (bitBuffer >>> (64 - LOOKAHEAD_BITS))];
            if (fast != 0) {
                int length = fast & 15;
                k += (fast >> 4) & 15;
                bitBuffer <<= length;
                bitCount -= length;
                if (k < 64 && kept[k]) {
                    coefficients[ZIGZAG[k]] = (fast >> 8) * quant[k];
                    blockHasAc = true;
                }
                continue;
            }
            int entry = symbolOf(ac);
            int length = entry >> 8;
            int run = (entry >> 4) & 15;
            int magnitude = entry & 15;
            if (magnitude == 0) {
                bitBuffer <<= length;
                bitCount -= length;
                if (run != 15) {
                    break;      // end of block
                }
                k += 15;        // sixteen zeros
                continue;
            }
            k += run;
            long shifted = bitBuffer << length;
            if (k < 64 && kept[k]) {
                coefficients[ZIGZAG[k]] = extend((int) (shifted >>> (64 - magnitude)), magnitude) * quant[k];
                blockHasAc = true;
            }
            bitBuffer = shifted << magnitude;
            bitCount -= length + magnitude;
        }
    }

    /** The next code's {@code (length << 8) | symbol}, without consuming it; the buffer holds at least 16 bits. */
    private int symbolOf(Huffman table) {
        int entry = table.lookahead[(int) (bitBuffer >>> (64 - LOOKAHEAD_BITS))];
        if (entry != 0) {
            return entry;
        }
        for (int length = LOOKAHEAD_BITS + 1; length <= 16; length++) {
            int code = (int) (bitBuffer >>> (64 - length));
            if (code <= table.maxCode[length]) {
                return (length << 8) | table.symbols[code + table.valueOffset[length]];
            }
        }
        return 16 << 8;   // not a code: corrupt data; symbol 0 ends the block
    }

    /** T.81 F.2.2.1 EXTEND: the size-bit magnitude category value as a signed number. */
    private static int extend(int value, int size) {
        return value < (1 << (size - 1)) ? value - (1 << size) + 1 : value;
    }

    /** The N-point inverse DCT of the block's top-left N×N coefficients, level-shifted and clamped, into the plane. */
    private void writeBlock(Component component, float[] coefficients, int x0, int y0) {
        byte[] plane = component.plane;
        int stride = component.planeWidth;
        if (scale == 1 || !blockHasAc) {
            byte flat = clamp(coefficients[0] / 8 + 128);
            for (int y = 0; y < scale; y++) {
                for (int x = 0; x < scale; x++) {
                    plane[(y0 + y) * stride + x0 + x] = flat;
                }
            }
            return;
        }
        if (scale == 2) {
            // the 2-point inverse DCT is a butterfly: every weight is ±(1/√2 · 1/2), so each pixel is (±F00 ±F01 ±F10 ±F11) / 8
            float f00 = coefficients[0];
            float f01 = coefficients[1];
            float f10 = coefficients[8];
            float f11 = coefficients[9];
            float top = f00 + f10;
            float bottom = f00 - f10;
            float left = f01 + f11;
            float right = f01 - f11;
            int row = y0 * stride + x0;
            plane[row] = clamp((top + left) / 8 + 128);
            plane[row + 1] = clamp((top - left) / 8 + 128);
            plane[row + stride] = clamp((bottom + right) / 8 + 128);
            plane[row + stride + 1] = clamp((bottom - right) / 8 + 128);
            return;
        }
        // 4-point inverse DCT, split into even and odd halves (weights (c_k / 2) cos((2n + 1) k π / 8)):
        // out0 = e0 + o0, out1 = e1 + o1, out2 = e1 - o1, out3 = e0 - o0; first along each row, then down each column.
        float[] rows = rowBuffer;   // rows[v * 4 + x]
        for (int v = 0; v < 4; v++) {
            int at = v * 8;
            float even0 = IDCT4_A * (coefficients[at] + coefficients[at + 2]);
            float even1 = IDCT4_A * (coefficients[at] - coefficients[at + 2]);
            float odd0 = IDCT4_B * coefficients[at + 1] + IDCT4_C * coefficients[at + 3];
            float odd1 = IDCT4_C * coefficients[at + 1] - IDCT4_B * coefficients[at + 3];
            rows[v * 4] = even0 + odd0;
            rows[v * 4 + 1] = even1 + odd1;
            rows[v * 4 + 2] = even1 - odd1;
            rows[v * 4 + 3] = even0 - odd0;
        }
        for (int x = 0; x < 4; x++) {
            float even0 = IDCT4_A * (rows[x] + rows[8 + x]);
            float even1 = IDCT4_A * (rows[x] - rows[8 + x]);
            float odd0 = IDCT4_B * rows[4 + x] + IDCT4_C * rows[12 + x];
            float odd1 = IDCT4_C * rows[4 + x] - IDCT4_B * rows[12 + x];
            int at = y0 * stride + x0 + x;
            plane[at] = clamp(even0 + odd0 + 128);
            plane[at + stride] = clamp(even1 + odd1 + 128);
            plane[at + 2 * stride] = clamp(even1 - odd1 + 128);
            plane[at + 3 * stride] = clamp(even0 - odd0 + 128);
        }
    }

    private BufferedImage toImage() {
        int reduction = 8 / scale;
        int outWidth = (width + reduction - 1) / reduction;
        int outHeight = (height + reduction - 1) / reduction;
        BufferedImage image = new BufferedImage(outWidth, outHeight, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        Component luma = components[0];
        if (components.length == 1) {
            for (int y = 0; y < outHeight; y++) {
                for (int x = 0; x < outWidth; x++) {
                    int grey = luma.plane[y * luma.planeWidth + x] & 0xFF;
                    pixels[y * outWidth + x] = (grey << 16) | (grey << 8) | grey;
                }
            }
            return image;
        }
        Component cb = components[1];
        Component cr = components[2];
        int[] lumaColumn = columns(luma, outWidth);
        int[] cbColumn = columns(cb, outWidth);
        int[] crColumn = columns(cr, outWidth);
        for (int y = 0; y < outHeight; y++) {
            // chroma planes at lower sampling are repeated (replication upsampling)
            int lumaRow = (y * luma.v / maxV) * luma.planeWidth;
            int cbRow = (y * cb.v / maxV) * cb.planeWidth;
            int crRow = (y * cr.v / maxV) * cr.planeWidth;
            int out = y * outWidth;
            for (int x = 0; x < outWidth; x++) {
                int yValue = luma.plane[lumaRow + lumaColumn[x]] & 0xFF;
                int cbValue = (cb.plane[cbRow + cbColumn[x]] & 0xFF) - 128;
                int crValue = (cr.plane[crRow + crColumn[x]] & 0xFF) - 128;
                // JFIF 1.02: R = Y + 1.402 Cr, G = Y - 0.344136 Cb - 0.714136 Cr, B = Y + 1.772 Cb (16.16 fixed point)
                int red = yValue + ((91881 * crValue + 32768) >> 16);
                int green = yValue - ((22554 * cbValue + 46802 * crValue - 32768) >> 16);
                int blue = yValue + ((116130 * cbValue + 32768) >> 16);
                pixels[out + x] = (clampInt(red) << 16) | (clampInt(green) << 8) | clampInt(blue);
            }
        }
        return image;
    }

    /** For each output column, the column of the component's plane it comes from. */
    private int[] columns(Component component, int outWidth) {
        int[] columns = new int[outWidth];
        for (int x = 0; x < outWidth; x++) {
            columns[x] = x * component.h / maxH;
        }
        return columns;
    }

    private static byte clamp(float value) {
        // (int) truncates towards zero: adding 0.5 rounds every value that survives the clamp
        int rounded = (int) (value + 0.5f);
        return (byte) (value < 0 ? 0 : Math.min(rounded, 255));
    }

    private static int clampInt(int value) {
        return value < 0 ? 0 : Math.min(value, 255);
    }

    /**
     * The stored width and height from the frame header of a JPEG this decoder handles, without
     * decoding anything; null for anything else (then ask ImageIO).
     */
    public static int[] size(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            return null;
        }
        int at = 2;
        try {
            while (at + 4 < jpeg.length) {
                if ((jpeg[at] & 0xFF) != 0xFF) {
                    return null;
                }
                int marker = jpeg[at + 1] & 0xFF;
                if (marker == 0xFF) {
                    at++;
                    continue;
                }
                int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
                if (marker == 0xC0 || marker == 0xC1) {
                    int height = ((jpeg[at + 5] & 0xFF) << 8) | (jpeg[at + 6] & 0xFF);
                    int width = ((jpeg[at + 7] & 0xFF) << 8) | (jpeg[at + 8] & 0xFF);
                    return width > 0 && height > 0 ? new int[] {width, height} : null;
                }
                if ((marker >= 0xC2 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) || marker == 0xDA) {
                    return null;   // another JPEG process, or a scan before any frame
                }
                at += 2 + length;
            }
        } catch (ArrayIndexOutOfBoundsException truncatedHeader) {
            return null;
        }
        return null;
    }

    private int u8(int index) {
        return data[index] & 0xFF;
    }
}
