package dk.munin.detector.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Greedy non-maximum suppression: the best-scoring box is kept and every box of the same group
 * overlapping it by more than the IoU threshold is dropped, then the next best, and so on.
 * The detector groups by MegaDetector category: one animal often gets several class guesses
 * (cow, horse, elephant) from a COCO model, and they all become the same "animal" box, while a
 * person riding a horse keeps both the person and the animal box, as MegaDetector does.
 *
 * <p>Areas use the inclusive-pixel convention (width = x2 − x1 + 1), as FastestDet's authors do.
 */
public final class NonMaxSuppression {

    private NonMaxSuppression() {
    }

    /** Class-agnostic suppression: every box competes with every other. The kept candidates, best first. */
    public static List<Candidate> apply(List<Candidate> candidates, float iouThreshold) {
        return apply(candidates, iouThreshold, candidate -> "");
    }

    /** Suppression within groups: boxes of different groups never suppress each other. The kept candidates, best first. */
    public static List<Candidate> apply(List<Candidate> candidates, float iouThreshold, Function<Candidate, ?> group) {
        List<Candidate> remaining = new ArrayList<>(candidates);
        remaining.sort(Comparator.comparingDouble(Candidate::score).reversed());
        List<Candidate> kept = new ArrayList<>();
        boolean[] suppressed = new boolean[remaining.size()];
        for (int i = 0; i < remaining.size(); i++) {
            if (suppressed[i]) {
                continue;
            }
            Candidate best = remaining.get(i);
            Object bestGroup = group.apply(best);
            kept.add(best);
            for (int j = i + 1; j < remaining.size(); j++) {
                if (!suppressed[j] && Objects.equals(bestGroup, group.apply(remaining.get(j)))
                        && intersectionOverUnion(best, remaining.get(j)) > iouThreshold) {
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
