package dk.munin.detector.model;

/**
 * How a model family wants its pixels: the whole photo stretched to the input (FastestDet) or
 * letterboxed (scaled to fit, aspect ratio kept, the rest padded grey, as YOLOv5 and YOLOv8
 * train and export), and in which channel order. Values are always {@code pixel / 255}.
 *
 * @param letterbox true to keep the aspect ratio and pad; false to stretch
 * @param bgr       true for B, G, R planes (OpenCV-trained models); false for R, G, B
 */
public record InputFormat(boolean letterbox, boolean bgr) {

    /** FastestDet: stretched, BGR (its authors feed cv2.imread's BGR pixels unconverted). */
    public static final InputFormat STRETCH_BGR = new InputFormat(false, true);
    /** YOLOv5 / YOLOv8 / yolort exports: letterboxed, RGB. */
    public static final InputFormat LETTERBOX_RGB = new InputFormat(true, false);

    /** YOLOv5's and Ultralytics' letterbox fill: grey 114 in every channel. */
    public static final int PAD_VALUE = 114;

    @Override
    public String toString() {
        return (letterbox ? "letterbox (pad " + PAD_VALUE + ")" : "stretch") + ", " + (bgr ? "BGR" : "RGB") + ", value / 255";
    }
}
