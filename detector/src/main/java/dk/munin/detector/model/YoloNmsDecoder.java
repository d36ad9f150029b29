package dk.munin.detector.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes graphs that end in their own non-maximum suppression, as yolort exports them
 * (MegaDetectorLite's {@code md_v5a.0.0.onnx}): {@code scores [N]}, {@code labels [N]} (0-based
 * class ids) and {@code boxes [N, 4]} as x1, y1, x2, y2 in input pixels. Such a graph has its
 * own score threshold baked in (MegaDetectorLite: 0.35), below which nothing comes out.
 */
public final class YoloNmsDecoder implements OutputDecoder {

    public static final String SCORES = "scores";
    public static final String LABELS = "labels";
    public static final String BOXES = "boxes";

    @Override
    public ModelLayout layout() {
        return ModelLayout.YOLO_NMS;
    }

    @Override
    public int classCount() {
        return -1;
    }

    @Override
    public List<Candidate> decode(Map<String, float[]> outputs, float minScore) {
        float[] scores = outputs.get(SCORES);
        float[] labels = outputs.get(LABELS);
        float[] boxes = outputs.get(BOXES);
        if (scores == null || labels == null || boxes == null) {
            throw new IllegalArgumentException("expected outputs " + SCORES + ", " + LABELS + " and " + BOXES
                    + ", got " + outputs.keySet());
        }
        if (labels.length != scores.length || boxes.length != 4 * scores.length) {
            throw new IllegalArgumentException("expected " + scores.length + " labels and " + 4 * scores.length
                    + " box values for " + scores.length + " scores, got " + labels.length + " and " + boxes.length);
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] >= minScore) {
                candidates.add(new Candidate(Math.round(labels[i]), scores[i],
                        boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3]));
            }
        }
        return candidates;
    }
}
