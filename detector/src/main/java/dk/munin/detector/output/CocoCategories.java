package dk.munin.detector.output;

import dk.munin.detector.model.CocoClasses;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static dk.munin.contract.megadetector.MegaDetectorCategories.ANIMAL;
import static dk.munin.contract.megadetector.MegaDetectorCategories.PERSON;
import static dk.munin.contract.megadetector.MegaDetectorCategories.VEHICLE;

/**
 * Maps COCO classes onto MegaDetector's three categories. Camera traps care whether a frame
 * holds an animal, a person or a vehicle; every other COCO class (umbrella, traffic light,
 * sports ball, ...) is a false positive on a trail-camera frame and is dropped.
 *
 * <pre>
 * COCO (darknet spelling)                                              MegaDetector
 * person                                                               "2" person
 * bicycle, car, motorbike, aeroplane, bus, train, truck, boat          "3" vehicle
 * bird, cat, dog, horse, sheep, cow, elephant, bear, zebra, giraffe    "1" animal
 * all other classes                                                    dropped
 * </pre>
 */
public final class CocoCategories {

    private static final Map<String, String> CATEGORY_BY_COCO_NAME = table();
    private static final String[] CATEGORY_BY_CLASS_ID = byClassId();

    private CocoCategories() {
    }

    /** The MegaDetector category of a COCO class index, or empty when the class is dropped. */
    public static Optional<String> ofCocoClass(int classId) {
        if (classId < 0 || classId >= CATEGORY_BY_CLASS_ID.length) {
            return Optional.empty();
        }
        return Optional.ofNullable(CATEGORY_BY_CLASS_ID[classId]);
    }

    /** The table above, by COCO class name. */
    public static Map<String, String> table() {
        Map<String, String> table = new LinkedHashMap<>();
        table.put("person", PERSON);
        for (String vehicle : new String[] {"bicycle", "car", "motorbike", "aeroplane", "bus", "train", "truck", "boat"}) {
            table.put(vehicle, VEHICLE);
        }
        for (String animal : new String[] {"bird", "cat", "dog", "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe"}) {
            table.put(animal, ANIMAL);
        }
        return table;
    }

    private static String[] byClassId() {
        String[] categories = new String[CocoClasses.count()];
        CATEGORY_BY_COCO_NAME.forEach((name, category) -> {
            int classId = CocoClasses.names().indexOf(name);
            if (classId < 0) {
                throw new IllegalStateException("category table names '" + name + "', which is not a COCO class");
            }
            categories[classId] = category;
        });
        return categories;
    }
}
