package dk.munin.detector.photo;

/**
 * One colour component of the frame (T.81 B.2.2): its sampling factors and tables, the DC
 * predictor while its scan is decoded, and the plane it is decoded into at reduced scale.
 */
final class JpegComponent {
    int id;
    int h;
    int v;
    int quantTable;
    /** Table selectors from the scan header (T.81 B.2.3); 0 when the scan does not name the component. */
    int dcSelector;
    int acSelector;
    /** The tables the selectors name, looked up once per scan instead of once per block. */
    int[] quantization;
    HuffmanTable dcTable;
    HuffmanTable acTable;
    int predictor;
    int planeWidth;
    int planeHeight;
    byte[] plane;
}
