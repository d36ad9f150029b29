package dk.munin.contract.megadetector;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** MegaDetector's detection categories, as its batch output format numbers them. */
public final class MegaDetectorCategories {

    public static final String ANIMAL = "1";
    public static final String PERSON = "2";
    public static final String VEHICLE = "3";

    /** The {@code detection_categories} of every file Munin writes, in id order. */
    public static final Map<String, String> NAMES =
            Collections.unmodifiableMap(new TreeMap<>(Map.of(ANIMAL, "animal", PERSON, "person", VEHICLE, "vehicle")));

    /** Categories by name; "human" is how some MegaDetector-compatible tools spell person. */
    private static final Map<String, String> BY_NAME = Map.of("animal", ANIMAL, "person", PERSON, "human", PERSON, "vehicle", VEHICLE);

    private MegaDetectorCategories() {
    }

    /** @throws IllegalArgumentException for an id that is not one of the three */
    public static String name(String category) {
        String name = NAMES.get(category);
        if (name == null) {
            throw new IllegalArgumentException("Unknown MegaDetector category '" + category + "'; expected one of " + NAMES);
        }
        return name;
    }

    /** The id of a category name as another tool wrote it (any case), or empty when it is none of the three. */
    public static Optional<String> idOf(String name) {
        return Optional.ofNullable(BY_NAME.get(name.trim().toLowerCase(Locale.ROOT)));
    }
}
