package dk.munin.detector.photo;

/**
 * A canonical Huffman table (T.81 annex C), built for speed: a lookahead table answers codes of
 * up to {@link #LOOKAHEAD_BITS} bits at once, the annex F limits ({@code maxCode}) the longer ones.
 */
final class HuffmanTable {

    static final int LOOKAHEAD_BITS = 9;

    final int[] lookahead = new int[1 << LOOKAHEAD_BITS];   // (length << 8) | symbol, 0 when the code is longer
    /**
     * For AC tables: when a code and its value together fit in the lookahead bits, the whole
     * coefficient at once, {@code (value << 8) | (run << 4) | total length}; 0 otherwise.
     */
    final int[] fastAc = new int[1 << LOOKAHEAD_BITS];
    final int[] maxCode = new int[18];
    final int[] valueOffset = new int[17];
    final int[] symbols;
    /** The shortest code's length: no symbol of this table takes fewer bits. */
    final int minLength;

    /**
     * @param counts  how many codes there are of each length 1..16 (index 0 unused), as in a DHT segment
     * @param symbols the symbols in code order
     */
    HuffmanTable(int[] counts, int[] symbols) {
        this.symbols = symbols;
        int shortest = 16;   // a table without codes: the decoder takes 16 bits for "not a code"
        for (int length = 16; length >= 1; length--) {
            shortest = counts[length] > 0 ? length : shortest;
        }
        this.minLength = shortest;
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

    /** T.81 F.2.2.1 EXTEND: the size-bit magnitude category value as a signed number. */
    static int extend(int value, int size) {
        return value < (1 << (size - 1)) ? value - (1 << size) + 1 : value;
    }
}
