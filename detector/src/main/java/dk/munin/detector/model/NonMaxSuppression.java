package dk.munin.detector.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy, class-agnostic non-maximum suppression: the best-scoring box is kept and every box
 * overlapping it by more than the IoU threshold is dropped, then the next best, and so on.
 * Class-agnostic because one animal often gets several class guesses (cow, horse, elephant)
 * from a COCO model, and they all become the same "animal" box.
 *
 * <p>Areas use the inclusive-pixel convention (width = x2 − x1 + 1), as FastestDet's authors do.
 */
public final class NonMaxSuppression {

    private NonMaxSuppression() {
    }

    /** The kept candidates, best score first. */
    public static List<Candidate> apply(List<Candidate> candidates, float iouThreshold) {
        List<Candidate> remaining = new ArrayList<>(candidates);
        remaining.sort(Comparator.comparingDouble(Candidate::score).reversed());
        List<Candidate> kept = new ArrayList<>();
        boolean[] suppressed = new boolean[remaining.size()];
        for (int i = 0; i < remaining.size(); i++) {
            if (suppressed[i]) {
                continue;
            }
            Candidate best = remaining.get(i);
            kept.add(best);
            for (int j = i + 1; j < remaining.size(); j++) {
                if (!suppressed[j] && intersectionOverUnion(best, remaining.get(j)) > iouThreshold) {
                    suppressed[j] = true;
                }
            }
        }
        return kept;
    }

    static double intersectionOverUnion(Candidate a, Candidate b) {
        double overlapWidth = Math.max(0, Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1()) + 1);
        double overlapHeight = Math.max(0, Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1()) + 1);
        double overlap = overlapWidth * overlapHeight;
        return overlap / (area(a) + area(b) - overlap);
    }

    private static double area(Candidate box) {
        return (box.x2() - box.x1() + 1) * (box.y2() - box.y1() + 1);
    }
}
