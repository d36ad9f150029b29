package dk.munin.cluster;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PlaceIndexTest {

    /**
     * The grid only looks near a box; a search of every place must not find a better match.
     * Boxes crowd around a few spots with jitter around the IoU threshold, so many matches
     * cross cell boundaries and many just miss.
     */
    @Test
    void findsTheSamePlacesAsASearchOfEveryPlace() {
        for (double threshold : new double[] {0.9, 0.5, 0.99}) {
            Random random = new Random(7);
            List<CameraBox> boxes = new ArrayList<>();
            for (int i = 0; i < 4000; i++) {
                int spot = random.nextInt(40);
                double w = 0.01 + 0.012 * spot + random.nextGaussian() * 0.003;
                double h = 0.3 - 0.006 * spot + random.nextGaussian() * 0.003;
                boxes.add(new CameraBox("p" + i, "cam", "1", 0.5,
                        0.02 * spot + random.nextGaussian() * 0.004, 0.5 + random.nextGaussian() * 0.004, Math.abs(w), Math.abs(h)));
            }

            PlaceIndex index = new PlaceIndex(threshold);
            boxes.forEach(index::add);

            List<Place> everyPlace = new ArrayList<>();
            for (CameraBox box : boxes) {
                Place best = null;
                double bestIou = -1;
                for (Place place : everyPlace) {
                    double iou = box.iou(place.representative);
                    if (iou >= threshold && iou > bestIou) {
                        best = place;
                        bestIou = iou;
                    }
                }
                if (best == null) {
                    everyPlace.add(new Place(everyPlace.size(), box));
                } else {
                    best.add(box);
                }
            }

            assertThat(everyPlace.stream().filter(p -> p.size() > 1).count()).as("the data has matches").isGreaterThan(20);
            assertThat(index.places()).extracting(Place::boxes)
                    .as("IoU %s", threshold)
                    .containsExactlyElementsOf(everyPlace.stream().map(Place::boxes).toList());
        }
    }
}
