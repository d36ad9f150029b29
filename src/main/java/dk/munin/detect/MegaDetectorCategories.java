package dk.munin.detect;

import java.util.Map;

/** MegaDetector's detection categories, as its batch output format numbers them. */
public final class MegaDetectorCategories {

    public static final Map<String, String> NAMES = Map.of("1", "animal", "2", "person", "3", "vehicle");

    private MegaDetectorCategories() {
    }

    public static String name(String category) {
        String name = NAMES.get(category);
        if (name == null) {
            throw new IllegalArgumentException("Unknown MegaDetector category '" + category + "'; expected one of " + NAMES);
        }
        return name;
    }
}
