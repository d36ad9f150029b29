package dk.munin.detector.model;

import java.util.List;

/**
 * Turns one model family's raw output tensor into candidate boxes. Each family (FastestDet's
 * grid, YOLOv5's rows, YOLOv8's columns) lays its output out differently; {@link OutputDecoders}
 * picks the decoder from the output shape.
 */
public interface OutputDecoder {

    /** A short name of the layout, written to the output's detector metadata. */
    String layout();

    /**
     * The candidates scoring at least {@code minScore}, in pixels of a displayed photo of
     * {@code photoWidth} × {@code photoHeight}, before non-maximum suppression.
     */
    List<Candidate> decode(float[] output, int photoWidth, int photoHeight, float minScore);
}
