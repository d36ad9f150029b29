package dk.munin.detector.model;

import java.util.List;

/**
 * The 80 COCO class names in the darknet spelling ("motorbike", "aeroplane", "sofa"), in the
 * order COCO-trained detectors number their outputs: the 0-based position is the class index.
 * This is not COCO's 91-id category numbering.
 */
public final class CocoClasses {

    private static final List<String> NAMES = List.of(
            "person", "bicycle", "car", "motorbike", "aeroplane", "bus", "train", "truck",
            "boat", "traffic light", "fire hydrant", "stop sign", "parking meter", "bench",
            "bird", "cat", "dog", "horse", "sheep", "cow", "elephant", "bear", "zebra",
            "giraffe", "backpack", "umbrella", "handbag", "tie", "suitcase", "frisbee",
            "skis", "snowboard", "sports ball", "kite", "baseball bat", "baseball glove",
            "skateboard", "surfboard", "tennis racket", "bottle", "wine glass", "cup",
            "fork", "knife", "spoon", "bowl", "banana", "apple", "sandwich", "orange",
            "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair", "sofa",
            "pottedplant", "bed", "diningtable", "toilet", "tvmonitor", "laptop", "mouse",
            "remote", "keyboard", "cell phone", "microwave", "oven", "toaster", "sink",
            "refrigerator", "book", "clock", "vase", "scissors", "teddy bear", "hair drier",
            "toothbrush");

    private CocoClasses() {
    }

    public static List<String> names() {
        return NAMES;
    }

    public static int count() {
        return NAMES.size();
    }

    public static String name(int classId) {
        return NAMES.get(classId);
    }
}
