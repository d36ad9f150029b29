package dk.munin.cluster;

import dk.munin.contract.settings.Settings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepeatDetectionsTest {

    private static final String ANIMAL = "1";
    private static final String PERSON = "2";

    private final RepeatDetections repeats = new RepeatDetections(RepeatDetectionSettings.MEGADETECTOR_DEFAULTS);

    @Test
    void flagsAStaticBoxInTwentyPhotosOfOneCamera() {
        List<CameraBox> rock = staticBox("cam-A", 20, 0.40, 0.30, 0.10, 0.08, ANIMAL, 0.6);

        List<RepeatFlag> flags = repeats.find(rock);

        assertThat(flags).extracting(RepeatFlag::box).containsExactlyInAnyOrderElementsOf(rock);
        assertThat(flags).allSatisfy(flag -> {
            assertThat(flag.boxes()).isEqualTo(20);
            assertThat(flag.photos()).isEqualTo(20);
            assertThat(flag.reason()).isEqualTo("repeat: 20 boxes at IoU >= 0.9 in 20 photos of camera cam-A");
        });
    }

    @Test
    void nineteenPhotosAreNotARepeat() {
        assertThat(repeats.find(staticBox("cam-A", 19, 0.40, 0.30, 0.10, 0.08, ANIMAL, 0.6))).isEmpty();
    }

    @Test
    void aBoxBiggerThanAFifthOfTheImageIsNoSuspectHoweverOftenItRecurs() {
        // 0.5 x 0.5: an animal filling the frame, as in a burst of a deer at the lens.
        assertThat(repeats.find(staticBox("cam-A", 30, 0.20, 0.20, 0.50, 0.50, ANIMAL, 0.9))).isEmpty();
        // Just under a fifth (0.49 x 0.40, 0.491 x 0.40 with the jitter) is a suspect.
        assertThat(repeats.find(staticBox("cam-A", 30, 0.20, 0.20, 0.49, 0.40, ANIMAL, 0.9))).hasSize(30);
    }

    @Test
    void boxesBelowTheMinimumConfidenceAreNotCounted() {
        List<CameraBox> confident = staticBox("cam-A", 19, 0.40, 0.30, 0.10, 0.08, ANIMAL, 0.5);
        List<CameraBox> faint = staticBox("cam-A", 10, 0.40, 0.30, 0.10, 0.08, ANIMAL, 0.09, "faint");
        assertThat(repeats.find(concat(confident, faint))).isEmpty();

        // At the minimum confidence a box counts: the twentieth photo makes the repeat.
        List<CameraBox> atMinimum = staticBox("cam-A", 1, 0.40, 0.30, 0.10, 0.08, ANIMAL, 0.1, "minimum");
        assertThat(repeats.find(concat(confident, faint, atMinimum))).extracting(RepeatFlag::box)
                .containsExactlyInAnyOrderElementsOf(concat(confident, atMinimum));
    }

    @Test
    void theSamePlaceOnTwoCamerasIsNoRepeat() {
        List<CameraBox> onA = staticBox("cam-A", 15, 0.40, 0.30, 0.10, 0.08, ANIMAL, 0.6);
        List<CameraBox> onB = staticBox("cam-B", 15, 0.40, 0.30, 0.10, 0.08, ANIMAL, 0.6);
        assertThat(repeats.find(concat(onA, onB))).isEmpty();

        // The same thirty boxes on one camera are one (the test above is not vacuous).
        List<CameraBox> allOnA = concat(onA, staticBox("cam-A", 15, 0.40, 0.30, 0.10, 0.08, ANIMAL, 0.6, "more"));
        assertThat(repeats.find(allOnA)).hasSize(30);
    }

    @Test
    void aMovingAnimalIsNotFlagged() {
        List<CameraBox> walking = new ArrayList<>();
        List<CameraBox> grazing = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            walking.add(box("walk-" + i, "cam-A", 0.05 + 0.02 * i, 0.50, 0.10, 0.10, ANIMAL, 0.9));
            // Each photo overlaps the previous one at IoU > 0.9; only a chain would link them all.
            grazing.add(box("graze-" + i, "cam-A", 0.05 + 0.003 * i, 0.20, 0.10, 0.10, ANIMAL, 0.9));
        }
        assertThat(grazing.get(1).iou(grazing.get(0))).isGreaterThan(0.9);

        assertThat(repeats.find(concat(walking, grazing))).isEmpty();
    }

    @Test
    void countsPhotosNotBoxes() {
        // Two boxes per photo at the same place, in ten photos: twenty boxes, ten occurrences.
        List<CameraBox> doubled = concat(staticBox("cam-A", 10, 0.40, 0.30, 0.10, 0.08, ANIMAL, 0.6),
                staticBox("cam-A", 10, 0.40, 0.30, 0.10, 0.08, ANIMAL, 0.5));
        assertThat(doubled).hasSize(20);
        assertThat(repeats.find(doubled)).isEmpty();
    }

    @Test
    void keepsCategoriesApartAsMegaDetectorDoesByDefault() {
        List<CameraBox> mixed = concat(staticBox("cam-A", 10, 0.40, 0.30, 0.10, 0.08, ANIMAL, 0.6),
                staticBox("cam-A", 10, 0.40, 0.30, 0.10, 0.08, PERSON, 0.6, "other"));
        assertThat(repeats.find(mixed)).isEmpty();
    }

    @Test
    void scanRefusesBoxesThatAreNotGroupedByCamera() {
        List<CameraBox> boxes = List.of(box("p1", "cam-A", 0.1, 0.1, 0.1, 0.1, ANIMAL, 0.5),
                box("p2", "cam-B", 0.1, 0.1, 0.1, 0.1, ANIMAL, 0.5),
                box("p3", "cam-A", 0.1, 0.1, 0.1, 0.1, ANIMAL, 0.5));
        assertThatThrownBy(() -> repeats.scan(boxes.iterator(), flag -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("camera 'cam-A' appears again after camera 'cam-B'");
    }

    @Test
    void applicationPropertiesShipsMegaDetectorsDefaults() throws IOException {
        Properties file = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("application.properties"))) {
            file.load(in);
        }
        RepeatDetectionSettings settings = RepeatDetectionSettings.from(Settings.layered(List.of(file), new Properties(), Map.of()));
        assertThat(settings).isEqualTo(RepeatDetectionSettings.MEGADETECTOR_DEFAULTS);
    }

    @Test
    void flagsExactlyThePlantedRocksAmong200000Boxes() {
        Random random = new Random(20261202);
        List<CameraBox> all = new ArrayList<>();
        Set<CameraBox> planted = new HashSet<>();
        int cameras = 100;
        for (int c = 0; c < cameras; c++) {
            String camera = "cam-" + c;
            List<CameraBox> cameraBoxes = new ArrayList<>();
            // Animals: random places, sizes, categories and confidences, about two boxes a photo.
            for (int i = 0; cameraBoxes.size() < 1950; i++) {
                double w = 0.02 + 0.28 * random.nextDouble();
                double h = 0.02 + 0.28 * random.nextDouble();
                cameraBoxes.add(box(camera + "/img" + (i / 2), camera, random.nextDouble() * (1 - w), random.nextDouble() * (1 - h),
                        w, h, String.valueOf(1 + random.nextInt(3)), 0.05 + 0.95 * random.nextDouble()));
            }
            if (c < 10) {
                // A rock in 25 photos: flagged.
                List<CameraBox> rock = staticBox(camera, 25, 0.1 + 0.07 * c, 0.6, 0.10, 0.08, ANIMAL, 0.4, "rock");
                cameraBoxes.addAll(rock);
                planted.addAll(rock);
            } else if (c < 20) {
                // A near miss in 19 photos: not flagged.
                cameraBoxes.addAll(staticBox(camera, 19, 0.1 + 0.07 * (c - 10), 0.6, 0.10, 0.08, ANIMAL, 0.4, "stump"));
            }
            while (cameraBoxes.size() < 2000) {
                cameraBoxes.add(box(camera + "/empty" + cameraBoxes.size(), camera, 0.5, 0.5, 0.1, 0.1, PERSON, 0.01));
            }
            Collections.shuffle(cameraBoxes, random);
            all.addAll(cameraBoxes);
        }
        assertThat(all).hasSize(200_000);

        Set<CameraBox> scanned = new HashSet<>();
        repeats.scan(all.iterator(), flag -> scanned.add(flag.box()));
        assertThat(scanned).isEqualTo(planted);

        // The in-memory entry point, given the boxes in no order, agrees.
        Collections.shuffle(all, random);
        assertThat(repeats.find(all)).extracting(RepeatFlag::box).containsExactlyInAnyOrderElementsOf(planted);
    }

    /**
     * One box per photo at (x, y, w, h), jittered by at most 0.001 so that it is not the same
     * box every time yet stays above IoU 0.9 with the first (which the helper checks).
     */
    private static List<CameraBox> staticBox(String camera, int photos, double x, double y, double w, double h,
                                             String category, double conf) {
        return staticBox(camera, photos, x, y, w, h, category, conf, "img");
    }

    private static List<CameraBox> staticBox(String camera, int photos, double x, double y, double w, double h,
                                             String category, double conf, String photoPrefix) {
        List<CameraBox> boxes = new ArrayList<>();
        for (int i = 0; i < photos; i++) {
            double dx = ((i % 3) - 1) * 0.001;
            double dy = (((i / 3) % 3) - 1) * 0.001;
            double dw = ((i % 2) == 0 ? 0 : 0.001);
            boxes.add(box(camera + "/" + photoPrefix + i, camera, x + dx, y + dy, w + dw, h, category, conf));
        }
        for (CameraBox box : boxes) {
            assertThat(box.iou(boxes.get(0))).as("jitter keeps IoU >= 0.9").isGreaterThanOrEqualTo(0.9);
        }
        assertThat(boxes.size() < 2 || !boxes.get(1).equals(boxes.get(0))).isTrue();
        return boxes;
    }

    private static CameraBox box(String photo, String camera, double x, double y, double w, double h, String category, double conf) {
        return new CameraBox(photo, camera, category, conf, x, y, w, h);
    }

    @SafeVarargs
    private static List<CameraBox> concat(List<CameraBox>... lists) {
        List<CameraBox> all = new ArrayList<>();
        for (List<CameraBox> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}
