package dk.munin.cluster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One place on one camera's image where boxes recur: the first box found there (the
 * representative every later box is compared with) and the boxes that matched it.
 */
final class Place {

    /** Creation order within the camera; breaks ties between equally good places. */
    final int id;
    final CameraBox representative;
    // Most places only ever hold their first box (an animal passing by), so the list of
    // further boxes is made only when a second one arrives.
    private List<CameraBox> others;

    Place(int id, CameraBox representative) {
        this.id = id;
        this.representative = representative;
    }

    void add(CameraBox box) {
        if (others == null) {
            others = new ArrayList<>();
        }
        others.add(box);
    }

    int size() {
        return 1 + (others == null ? 0 : others.size());
    }

    /** The boxes, the representative first, then in the order they joined. */
    List<CameraBox> boxes() {
        List<CameraBox> boxes = new ArrayList<>(size());
        boxes.add(representative);
        if (others != null) {
            boxes.addAll(others);
        }
        return boxes;
    }

    /** Two boxes of one photo at the same place (the detector's duplicates) are one occurrence. */
    int distinctPhotos() {
        Set<String> photos = new HashSet<>();
        for (CameraBox box : boxes()) {
            photos.add(box.photoId());
        }
        return photos.size();
    }
}
