package dk.munin.cluster;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Repeat-detection elimination, after MegaDetector's ({@code repeat_detection_elimination} in
 * agentmorris/MegaDetector): a box that recurs at the same place in many photos of one camera
 * is a rock, a branch or a timestamp overlay, not an animal, because animals move.
 *
 * <p>Per camera, the suspect boxes (confidence at least {@code minConfidence}, area at most
 * {@code maxBoxFraction} of the image) are clustered into places greedily, in input order: a box
 * joins the place whose representative (the place's first box, which never changes) it overlaps
 * best with IoU at least {@code iouThreshold}, or starts a new place. This is MegaDetector's
 * scheme (it compares each box with the first box of each existing candidate location), except
 * that MegaDetector lets a box join every matching place and we put it in the best one only, so
 * each box is flagged at most once. A place seen in at least {@code minOccurrences} distinct
 * photos is a repeat, and all its boxes are flagged.
 *
 * <p>Categories are kept apart, as MegaDetector does by default ({@code
 * categoryAgnosticComparisons = False}): a rock that the detector calls "animal" in some photos
 * and "person" in others makes two smaller places, either of which may still reach the
 * threshold on its own. Matching across categories would also merge a genuinely static person
 * (a scarecrow) with animals passing the same spot.
 *
 * <p>Cost: cameras are independent, and only one camera's suspect boxes are held at a time by
 * {@link #scan}. Within a camera, a box is compared only with the places whose representative
 * centres lie in the few grid cells that could hold an IoU match (see {@link PlaceIndex}), so
 * the work is O(n * k) for n suspect boxes, k being the number of places near a box (a handful
 * for typical boxes), instead of O(n * places).
 */
public class RepeatDetections {

    private final RepeatDetectionSettings settings;

    public RepeatDetections(RepeatDetectionSettings settings) {
        this.settings = settings;
    }

    /** Whether a box can be part of a repeat at all; other boxes are neither flagged nor counted. */
    public boolean isSuspect(CameraBox box) {
        // A box without width or height has no place to recur at (MegaDetector skips them too).
        return box.conf() >= settings.minConfidence()
                && box.w() > 0 && box.h() > 0
                && box.area() <= settings.maxBoxFraction();
    }

    /**
     * The repeats among boxes of any cameras, in any order. Holds all suspect boxes at once;
     * for large inputs already ordered by camera, {@link #scan} needs only one camera's.
     */
    public List<RepeatFlag> find(Collection<CameraBox> boxes) {
        Map<String, List<CameraBox>> byCamera = new LinkedHashMap<>();
        for (CameraBox box : boxes) {
            if (isSuspect(box)) {
                byCamera.computeIfAbsent(box.camera(), camera -> new ArrayList<>()).add(box);
            }
        }
        List<RepeatFlag> flags = new ArrayList<>();
        byCamera.forEach((camera, cameraBoxes) -> flags.addAll(findInCamera(camera, cameraBoxes)));
        return flags;
    }

    /**
     * The repeats among boxes that arrive grouped by camera (all of one camera's boxes together,
     * e.g. sorted by camera), handing each camera's flags to {@code flags} as soon as its boxes end.
     *
     * @throws IllegalArgumentException if a camera's boxes are not contiguous: its first group's
     *                                  flags would have been decided without the later boxes
     */
    public void scan(Iterator<CameraBox> groupedByCamera, Consumer<RepeatFlag> flags) {
        Set<String> finishedCameras = new HashSet<>();
        String camera = null;
        List<CameraBox> cameraBoxes = new ArrayList<>();
        while (groupedByCamera.hasNext()) {
            CameraBox box = groupedByCamera.next();
            if (!box.camera().equals(camera)) {
                if (camera != null) {
                    findInCamera(camera, cameraBoxes).forEach(flags);
                    cameraBoxes = new ArrayList<>();
                }
                if (!finishedCameras.add(box.camera())) {
                    throw new IllegalArgumentException("boxes are not grouped by camera: camera '" + box.camera()
                            + "' appears again after camera '" + camera + "'");
                }
                camera = box.camera();
            }
            if (isSuspect(box)) {
                cameraBoxes.add(box);
            }
        }
        if (camera != null) {
            findInCamera(camera, cameraBoxes).forEach(flags);
        }
    }

    /** The repeats among the boxes of one camera (boxes that are not suspects are skipped). */
    public List<RepeatFlag> findInCamera(String camera, List<CameraBox> boxes) {
        PlaceIndex places = new PlaceIndex(settings.iouThreshold());
        for (CameraBox box : boxes) {
            if (!box.camera().equals(camera)) {
                throw new IllegalArgumentException("a box of camera '" + box.camera() + "' among those of camera '" + camera + "'");
            }
            if (isSuspect(box)) {
                places.add(box);
            }
        }
        List<RepeatFlag> flags = new ArrayList<>();
        for (Place place : places.places()) {
            // The box count bounds the photo count, so most places are dismissed without a set.
            if (place.size() < settings.minOccurrences()) {
                continue;
            }
            int photos = place.distinctPhotos();
            if (photos < settings.minOccurrences()) {
                continue;
            }
            String reason = String.format(Locale.ROOT, "repeat: %d boxes at IoU >= %s in %d photos of camera %s",
                    place.size(), plain(settings.iouThreshold()), photos, camera);
            for (CameraBox box : place.boxes()) {
                flags.add(new RepeatFlag(box, place.size(), photos, reason));
            }
        }
        return flags;
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
