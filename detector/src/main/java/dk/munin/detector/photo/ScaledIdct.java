package dk.munin.detector.photo;

/**
 * The N-point inverse DCT (N = 4, 2 or 1) of a block's top-left N×N coefficients: the block's
 * N×N pixels at 1/2, 1/4 or 1/8 scale, level-shifted by 128 and clamped to 0..255 (T.81 A.3.3,
 * with the 8-point transform's scale kept, so a flat block keeps its level).
 */
final class ScaledIdct {

    /** 4-point inverse DCT weights: 1/(2√2), cos(π/8)/2, cos(3π/8)/2. */
    private static final float IDCT4_A = (float) (1 / (2 * Math.sqrt(2)));
    private static final float IDCT4_B = (float) (Math.cos(Math.PI / 8) / 2);
    private static final float IDCT4_C = (float) (Math.cos(3 * Math.PI / 8) / 2);

    private final int scale;                        // output pixels per block side: 4, 2 or 1
    private final float[] rows = new float[16];     // the 4-point transform's first pass, rows[v * 4 + x]

    ScaledIdct(int scale) {
        this.scale = scale;
    }

    /**
     * Writes the block's pixels into the component's plane at (x0, y0).
     *
     * @param coefficients dequantised, natural order, row stride 8; only the top-left N×N are read
     * @param hasAc        whether any of those AC coefficients is non-zero: if not, the block is flat
     */
    void writeBlock(JpegComponent component, float[] coefficients, boolean hasAc, int x0, int y0) {
        byte[] plane = component.plane;
        int stride = component.planeWidth;
        if (scale == 1 || !hasAc) {
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

    private static byte clamp(float value) {
        // (int) truncates towards zero: adding 0.5 rounds every value that survives the clamp
        int rounded = (int) (value + 0.5f);
        return (byte) (value < 0 ? 0 : Math.min(rounded, 255));
    }
}
