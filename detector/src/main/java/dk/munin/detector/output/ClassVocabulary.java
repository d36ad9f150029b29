package dk.munin.detector.output;

import dk.munin.contract.megadetector.MegaDetectorCategories;
import dk.munin.detector.model.CocoClasses;
import dk.munin.detector.model.ModelLayout;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a model's class ids mean, and so which MegaDetector category each one becomes.
 * Chosen from the model's class count (3: MegaDetector's own, 80: COCO) unless DETECTOR_CLASSES
 * names it; graphs with suppression inside do not reveal their class count and are taken as
 * MegaDetector's (MegaDetectorLite) unless DETECTOR_CLASSES says otherwise.
 */
public enum ClassVocabulary {

    /** MegaDetector's own classes: 0 animal, 1 person, 2 vehicle; category = class id + 1. */
    MEGADETECTOR("megadetector", 3),
    /** The 80 COCO classes (darknet order), mapped by {@link CocoCategories}' table; the rest dropped. */
    COCO80("coco80", 80);

    private final String id;
    private final int classCount;

    ClassVocabulary(String id, int classCount) {
        this.id = id;
        this.classCount = classCount;
    }

    public String id() {
        return id;
    }

    public int classCount() {
        return classCount;
    }

    /** The MegaDetector category of a class id, or null when the class is dropped. */
    public String categoryOf(int classId) {
        return switch (this) {
            case MEGADETECTOR -> classId >= 0 && classId < classCount ? String.valueOf(classId + 1) : null;
            case COCO80 -> CocoCategories.ofCocoClass(classId).orElse(null);
        };
    }

    /** The name of a class id, for logs and tests. */
    public String className(int classId) {
        return switch (this) {
            case MEGADETECTOR -> categoryOf(classId) == null ? "class " + classId : MegaDetectorCategories.NAMES.get(categoryOf(classId));
            case COCO80 -> classId >= 0 && classId < CocoClasses.count() ? CocoClasses.name(classId) : "class " + classId;
        };
    }

    public static boolean isKnownClassCount(int classCount) {
        return Arrays.stream(values()).anyMatch(vocabulary -> vocabulary.classCount == classCount);
    }

    /**
     * @param requested  the vocabulary DETECTOR_CLASSES names, or null
     * @param classCount the model's class count, or -1 when its outputs do not say
     * @throws IllegalArgumentException when the class count fits no vocabulary or not the requested one
     */
    public static ClassVocabulary choose(ClassVocabulary requested, int classCount, ModelLayout layout) {
        if (requested != null) {
            if (classCount >= 0 && classCount != requested.classCount) {
                throw new IllegalArgumentException("the model scores " + classCount + " classes, but DETECTOR_CLASSES="
                        + requested.id + " has " + requested.classCount);
            }
            return requested;
        }
        if (classCount < 0) {
            return MEGADETECTOR;
        }
        for (ClassVocabulary vocabulary : values()) {
            if (vocabulary.classCount == classCount) {
                return vocabulary;
            }
        }
        throw new IllegalArgumentException("the " + layout.id() + " model scores " + classCount
                + " classes; the detector maps only " + Arrays.stream(values())
                .map(v -> v.classCount + " (" + v.id + ")").collect(Collectors.joining(" or ")) + " to MegaDetector categories");
    }

    /** @throws IllegalArgumentException listing the accepted names */
    public static ClassVocabulary parse(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (ClassVocabulary vocabulary : values()) {
            if (vocabulary.id.equals(wanted)) {
                return vocabulary;
            }
        }
        throw new IllegalArgumentException("unknown class vocabulary '" + value + "', expected "
                + Arrays.stream(values()).map(ClassVocabulary::id).collect(Collectors.joining(" or ")));
    }
}
