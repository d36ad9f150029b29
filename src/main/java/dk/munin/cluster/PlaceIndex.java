package dk.munin.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One camera's places, found by the centre of their representative box in a square grid, so
 * that a new box is compared only with places that could match it.
 *
 * <p>Why the grid search is exact: if IoU(A, B) >= t then the overlap's width is at least
 * t * max(wA, wB) (else the intersection could not reach t times the larger box's area), and
 * also at most min(wA, wB); so max(wA, wB) <= wA / t, and the centres are at most
 * (wA + wB) / 2 - t * max(wA, wB) <= (1 - t) * max(wA, wB) <= wA * (1 - t) / t apart in x (and
 * likewise in y with the heights). A box therefore only needs the cells within that reach of
 * its centre. The cell size is the reach of a box 0.2 wide (the largest box of the default
 * maximum size, if square), so a typical box looks at 1 to 4 cells, a very wide one at ~30.
 */
final class PlaceIndex {

    /** Box width whose search reach is one cell. */
    private static final double CELL_REACH_WIDTH = 0.2;
    /** Floor for the cell size: at IoU 1 the reach is zero and the grid would be infinitely fine. */
    private static final double MIN_CELL = 1e-3;
    /** Slack for rounding in the reach bound, far below any real box's jitter. */
    private static final double EPSILON = 1e-9;

    private final double iouThreshold;
    private final double reachPerSize;
    private final double cell;
    private final Map<Long, List<Place>> cells = new HashMap<>();
    private final List<Place> places = new ArrayList<>();

    PlaceIndex(double iouThreshold) {
        this.iouThreshold = iouThreshold;
        this.reachPerSize = (1 - iouThreshold) / iouThreshold;
        this.cell = Math.max(MIN_CELL, CELL_REACH_WIDTH * reachPerSize);
    }

    /** Puts the box in the best matching place of its category, or in a new place of its own. */
    void add(CameraBox box) {
        Place best = bestMatch(box);
        if (best != null) {
            best.add(box);
            return;
        }
        Place place = new Place(places.size(), box);
        places.add(place);
        cells.computeIfAbsent(key(index(box.centreX()), index(box.centreY())), k -> new ArrayList<>()).add(place);
    }

    /** All places, in the order they were found. */
    List<Place> places() {
        return places;
    }

    private Place bestMatch(CameraBox box) {
        double reachX = box.w() * reachPerSize + EPSILON;
        double reachY = box.h() * reachPerSize + EPSILON;
        Place best = null;
        double bestIou = -1;
        for (int ix = index(box.centreX() - reachX); ix <= index(box.centreX() + reachX); ix++) {
            for (int iy = index(box.centreY() - reachY); iy <= index(box.centreY() + reachY); iy++) {
                List<Place> candidates = cells.get(key(ix, iy));
                if (candidates == null) {
                    continue;
                }
                for (Place place : candidates) {
                    if (!place.representative.category().equals(box.category())) {
                        continue;
                    }
                    double iou = box.iou(place.representative);
                    boolean better = iou > bestIou || (iou == bestIou && best != null && place.id < best.id);
                    if (iou >= iouThreshold && better) {
                        best = place;
                        bestIou = iou;
                    }
                }
            }
        }
        return best;
    }

    private int index(double coordinate) {
        return (int) Math.floor(coordinate / cell);
    }

    private static long key(int ix, int iy) {
        return ((long) ix << 32) | (iy & 0xffffffffL);
    }
}
