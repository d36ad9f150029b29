package dk.munin.detector.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The output layouts the detector decodes, each with the input format its family expects. */
public enum ModelLayout {

    /** FastestDet's grid {@code [1, 5 + classes, gridH, gridW]}. */
    FASTESTDET("fastestdet", InputFormat.STRETCH_BGR),
    /** YOLOv5 rows {@code [1, N, 5 + classes]}: cx, cy, w, h in input pixels, objectness, class scores. MegaDetector v5. */
    YOLOV5("yolov5", InputFormat.LETTERBOX_RGB),
    /** YOLOv8 / v9 / v11 columns {@code [1, 4 + classes, N]}: cx, cy, w, h in input pixels, class scores, no objectness. */
    YOLOV8("yolov8", InputFormat.LETTERBOX_RGB),
    /**
     * Exports with suppression inside the graph (yolort, e.g. MegaDetectorLite's md_v5a.0.0.onnx):
     * outputs {@code scores [N]}, {@code labels [N]} and {@code boxes [N, 4]} as x1, y1, x2, y2 in input pixels.
     */
    YOLO_NMS("yolo-nms", InputFormat.LETTERBOX_RGB);

    private final String id;
    private final InputFormat inputFormat;

    ModelLayout(String id, InputFormat inputFormat) {
        this.id = id;
        this.inputFormat = inputFormat;
    }

    /** The name used in DETECTOR_LAYOUT and in the output's detector metadata. */
    public String id() {
        return id;
    }

    public InputFormat inputFormat() {
        return inputFormat;
    }

    /** @throws IllegalArgumentException listing the accepted names */
    public static ModelLayout parse(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (ModelLayout layout : values()) {
            if (layout.id.equals(wanted)) {
                return layout;
            }
        }
        throw new IllegalArgumentException("unknown layout '" + value + "', expected one of " + ids());
    }

    public static String ids() {
        return Arrays.stream(values()).map(ModelLayout::id).collect(Collectors.joining(", "));
    }
}
