package dk.munin.detector.photo;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads a scan's entropy-coded data (T.81 annex F, Huffman): a bit reader over the bytes after the
 * scan header, and the decoding of one block at a time into the coefficients the reduced-scale
 * inverse DCT needs. Only the top-left N×N coefficients are kept; the others must still be
 * decoded, to find where the next block starts.
 *
 * <p>Data that ends early (a truncated file), or a marker where data is due, reads as zero bits
 * from there on; once those are used up, blocks stay flat, as libjpeg leaves them. Whether a
 * block has read past the data's end is kept ({@link #ranOut()}): the caller shows only the
 * blocks before it, rather than grey filler a model could find boxes in.
 */
final class EntropyDecoder {

    /** Natural (row-major) position of each zig-zag coefficient index (T.81 figure A.6). */
    private static final int[] ZIGZAG = {
            0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
            12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
            35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
            58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63};
    private static final int LOOKAHEAD_BITS = HuffmanTable.LOOKAHEAD_BITS;
    /** The most bits one coefficient takes: a Huffman code (16) and its value (11 for a DC difference). */
    private static final int MAX_COEFFICIENT_BITS = 27;
    private static final VarHandle BIG_ENDIAN_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] data;
    private final JpegComponent[] components;
    private final int scale;                           // kept coefficients per block side: 4, 2 or 1
    private final boolean[] kept = new boolean[64];   // zig-zag indices inside the top-left N×N

    private int position;
    private long bitBuffer;
    private int bitCount;
    private boolean endOfData;    // a marker or the end of the file: from here on only zero bits
    private int paddingBits;      // how many of the buffered bits are that zero padding
    private boolean ranOut;       // a block has read padding: the data ended before it did

    /**
     * @param position where the entropy-coded data starts, right after the scan header
     * @param scale    4, 2 or 1: the top-left scale × scale coefficients of each block are kept
     */
    EntropyDecoder(byte[] data, int position, JpegComponent[] components, int scale) {
        this.data = data;
        this.position = position;
        this.components = components;
        this.scale = scale;
        for (int z = 0; z < 64; z++) {
            kept[z] = ZIGZAG[z] / 8 < scale && ZIGZAG[z] % 8 < scale;
        }
    }

    /**
     * Decodes the component's next block: its dequantised top-left N×N coefficients, in natural
     * order (row stride 8), into {@code coefficients}.
     *
     * @return whether a kept AC coefficient is non-zero; if not, the block is flat
     */
    boolean decodeBlock(JpegComponent component, float[] coefficients) {
        for (int v = 0; v < scale; v++) {
            for (int u = 0; u < scale; u++) {
                coefficients[v * 8 + u] = 0f;   // only the top-left N×N are ever read
            }
        }
        int[] quant = component.quantization;
        boolean hasAc = false;
        if (endOfData) {
            ranOut |= bitCount < paddingBits;   // the block before used up the data and read padding
            paddingBits = Math.min(paddingBits, bitCount);
            if (bitCount == paddingBits) {
                ranOut = true;
                return false;   // the data ended early (a truncated file): grey blocks, as libjpeg leaves them
            }
        }
        // At most one refill per coefficient: a code (at most 16 bits) and its value (at most 11) fit in the 57 bits.
        if (bitCount < MAX_COEFFICIENT_BITS) {
            fill();
        }
        int dc = symbolOf(component.dcTable);
        int size = dc & 0xFF;
        int consumed = dc >> 8;
        long buffer = bitBuffer << consumed;
        if (size != 0) {
            component.predictor += HuffmanTable.extend((int) (buffer >>> (64 - size)), size);
            buffer <<= size;
            consumed += size;
        }
        bitBuffer = buffer;
        bitCount -= consumed;
        coefficients[0] = component.predictor * quant[0];
        HuffmanTable ac = component.acTable;
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
                    hasAc = true;
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
                coefficients[ZIGZAG[k]] = HuffmanTable.extend((int) (shifted >>> (64 - magnitude)), magnitude) * quant[k];
                hasAc = true;
            }
            bitBuffer = shifted << magnitude;
            bitCount -= length + magnitude;
        }
        return hasAc;
    }

    /**
     * Whether a block decoded so far has read past the end of the entropy-coded data (the file
     * ends, or a marker stands where data was due). Stays true after a restart marker resumes the
     * data: what follows a gap is not shown either.
     */
    boolean ranOut() {
        return ranOut || (endOfData && bitCount < paddingBits);
    }

    /** At a restart interval's end: drop the leftover bits, step over the RSTn marker, reset the predictors. */
    void restart() {
        ranOut = ranOut();
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
        for (JpegComponent component : components) {
            component.predictor = 0;
        }
    }

    /** The next code's {@code (length << 8) | symbol}, without consuming it; the buffer holds at least 16 bits. */
    private int symbolOf(HuffmanTable table) {
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

    private int u8(int index) {
        return data[index] & 0xFF;
    }
}
