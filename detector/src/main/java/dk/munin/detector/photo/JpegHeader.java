package dk.munin.detector.photo;

import dk.munin.contract.jpeg.JpegMarker;
import dk.munin.contract.jpeg.JpegSegment;
import dk.munin.contract.jpeg.JpegSource;

/**
 * What the marker segments before the image data say (T.81 annex B): the frame (size,
 * components, sampling), the quantization and Huffman tables, the restart interval, and whether
 * an Adobe segment declares the components RGB. Read segment by segment as the walk finds them,
 * then the scan header, which picks each component's tables.
 */
final class JpegHeader {

    /** APP14 "Adobe" (Adobe technical note 5116): its transform byte 0 means RGB, not YCbCr. */
    private static final byte[] ADOBE_IDENTIFIER = {'A', 'd', 'o', 'b', 'e'};
    private static final int ADOBE_PAYLOAD_LENGTH = 12;
    private static final int ADOBE_TRANSFORM = 11;

    private final byte[] data;
    private final JpegSource source;
    private final int[][] quantization = new int[4][];
    private final HuffmanTable[] dcTables = new HuffmanTable[4];
    private final HuffmanTable[] acTables = new HuffmanTable[4];
    int width;
    int height;
    JpegComponent[] components;
    int maxH;
    int maxV;
    int restartInterval;
    private boolean adobeRgb;

    JpegHeader(byte[] data, JpegSource source) {
        this.data = data;
        this.source = source;
    }

    /** Takes what the decoder needs from one segment; stops at a coding process it does not handle. */
    void read(JpegSegment segment) throws ScaledJpegDecoder.Unsupported {
        int marker = segment.marker();
        // A length field that runs past the data is believed: reading past the end is "malformed" (see decode).
        int payload = (int) segment.payloadStart();
        int end = (int) segment.end();
        switch (marker) {
            case JpegMarker.SOF0, JpegMarker.SOF1 -> frame(payload);
            case JpegMarker.DHT -> huffmanTables(payload, end);
            case JpegMarker.DQT -> quantizationTables(payload, end);
            case JpegMarker.DRI -> restartInterval = (u8(payload) << 8) | u8(payload + 1);
            case JpegMarker.APP14 -> adobe(segment);
            default -> {
                // SOF2..SOF15 (progressive, lossless, hierarchical, arithmetic), and JPG and DAC, which only they use
                if (marker > JpegMarker.SOF1 && marker <= JpegMarker.SOF15) {
                    throw new ScaledJpegDecoder.Unsupported(String.format("JPEG process SOF%d", marker - JpegMarker.SOF0));
                }
            }
        }
    }

    private void frame(int at) throws ScaledJpegDecoder.Unsupported {
        if (u8(at) != 8) {
            throw new ScaledJpegDecoder.Unsupported(u8(at) + "-bit samples");
        }
        height = (u8(at + 1) << 8) | u8(at + 2);
        width = (u8(at + 3) << 8) | u8(at + 4);
        int count = u8(at + 5);
        if (width == 0 || height == 0 || (count != 1 && count != 3)) {
            throw new ScaledJpegDecoder.Unsupported(count + " components, " + width + "x" + height);
        }
        components = new JpegComponent[count];
        for (int i = 0; i < count; i++) {
            JpegComponent component = new JpegComponent();
            int offset = at + 6 + 3 * i;
            component.id = u8(offset);
            component.h = u8(offset + 1) >> 4;
            component.v = u8(offset + 1) & 15;
            component.quantTable = u8(offset + 2) & 3;
            if (component.h < 1 || component.h > 4 || component.v < 1 || component.v > 4) {
                throw new ScaledJpegDecoder.Unsupported("sampling factors " + component.h + "x" + component.v);
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

    private void adobe(JpegSegment segment) {
        if (segment.payloadLength() >= ADOBE_PAYLOAD_LENGTH && segment.payloadStartsWith(source, ADOBE_IDENTIFIER)) {
            adobeRgb = u8((int) segment.payloadStart() + ADOBE_TRANSFORM) == 0;
        }
    }

    private void quantizationTables(int at, int end) throws ScaledJpegDecoder.Unsupported {
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
                throw new ScaledJpegDecoder.Unsupported("quantization precision " + precision);
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
            HuffmanTable table = new HuffmanTable(counts, symbols);
            if (tableClass == 0) {
                dcTables[id] = table;
            } else {
                acTables[id] = table;
            }
            at += 17 + total;
        }
    }

    /**
     * Reads the scan header (T.81 B.2.3) that follows the SOS marker's length field and gives each
     * component its tables.
     *
     * @param at the scan header's first byte (the component count)
     * @return where the entropy-coded data starts
     */
    int scan(int at) throws ScaledJpegDecoder.Unsupported {
        if (components == null) {
            throw new ScaledJpegDecoder.Unsupported("scan before frame");
        }
        if (adobeRgb && components.length == 3) {
            throw new ScaledJpegDecoder.Unsupported("Adobe RGB JPEG");
        }
        int count = u8(at);
        if (count != components.length) {
            throw new ScaledJpegDecoder.Unsupported("a scan with " + count + " of " + components.length + " components");
        }
        for (int i = 0; i < count; i++) {
            int id = u8(at + 1 + 2 * i);
            JpegComponent component = null;
            for (JpegComponent candidate : components) {
                if (candidate.id == id) {
                    component = candidate;
                }
            }
            if (component == null) {
                throw new ScaledJpegDecoder.Unsupported("scan names unknown component " + id);
            }
            component.dcSelector = u8(at + 2 + 2 * i) >> 4;
            component.acSelector = u8(at + 2 + 2 * i) & 15;
        }
        for (JpegComponent component : components) {
            component.quantization = quantization[component.quantTable];
            component.dcTable = dcTables[component.dcSelector & 3];
            component.acTable = acTables[component.acSelector & 3];
            if (component.dcTable == null || component.acTable == null || component.quantization == null) {
                throw new ScaledJpegDecoder.Unsupported("missing Huffman or quantization table");
            }
        }
        return at + 1 + 2 * count + 3;   // after the selectors: spectral selection and successive approximation
    }

    private int u8(int index) {
        return data[index] & 0xFF;
    }
}
