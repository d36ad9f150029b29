package dk.munin.detector.model;

/**
 * One box a model proposes, in pixels of the displayed photo: corners (x1, y1) top-left and
 * (x2, y2) bottom-right, which may lie outside the photo until {@link #clippedTo} is applied.
 *
 * @param classId the model's own class index (for the COCO models: the position in CocoClasses)
 * @param score   the model's confidence, 0..1
 */
public record Candidate(int classId, float score, double x1, double y1, double x2, double y2) {

    public Candidate clippedTo(int width, int height) {
        return new Candidate(classId, score,
                clamp(x1, width), clamp(y1, height), clamp(x2, width), clamp(y2, height));
    }

    public boolean hasArea() {
        return x2 > x1 && y2 > y1;
    }

    private static double clamp(double value, int max) {
        return Math.max(0, Math.min(max, value));
    }
}
