package dk.munin.detector.model;

import java.util.List;
import java.util.Map;

/**
 * Turns one model family's raw outputs into candidate boxes. Each family (FastestDet's grid,
 * YOLOv5's rows, YOLOv8's columns, graphs with suppression built in) lays its output out
 * differently; {@link OutputDecoders} picks the decoder from the outputs' shapes or from
 * DETECTOR_LAYOUT.
 */
public interface OutputDecoder {

    ModelLayout layout();

    /** How many classes the model scores, or -1 when the outputs do not say (suppression inside the graph). */
    int classCount();

    /**
     * The candidates scoring at least {@code minScore}, in pixels of the model input, before
     * non-maximum suppression.
     *
     * @param outputs every model output by name, flattened
     */
    List<Candidate> decode(Map<String, float[]> outputs, float minScore);
}
