package dk.munin.cluster;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The kind of model that made a detections file, which decides the confidence thresholds that
 * suit it (docs/detection.md, "Confidence thresholds"): a MegaDetector v5 box at 0.2 is as
 * trustworthy as a v4 box at 0.8, and a COCO model's scores are on yet another scale.
 */
public enum ModelFamily {
    MEGADETECTOR_V5(Pattern.compile("(?i).*(md_?v5|megadetector[_ -]?v?5).*")),
    /** MegaDetector v4.1 and the v2 and v3 before it, which share v4's typical threshold. */
    MEGADETECTOR_V4(Pattern.compile("(?i).*(md_?v[234]|megadetector[_ -]?v?[234]).*")),
    FASTESTDET(Pattern.compile("(?i).*fastestdet.*")),
    /** Any other COCO-80 model, mapped to MegaDetector's categories by the detector. */
    COCO(null);

    /** The detector's detector_metadata.class_vocabulary for a COCO-80 model. */
    private static final String COCO_VOCABULARY = "coco80";

    private final Pattern detectorName;

    ModelFamily(Pattern detectorName) {
        this.detectorName = detectorName;
    }

    /** As settings name it: megadetector-v5, megadetector-v4, fastestdet, coco. */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<ModelFamily> ofSettingName(String name) {
        for (ModelFamily family : values()) {
            if (family.settingName().equals(name)) {
                return Optional.of(family);
            }
        }
        return Optional.empty();
    }

    /**
     * The family a MegaDetector-format file's {@code info} names: by the detector's name (the
     * model file, e.g. md_v5a.0.0.pt or FastestDet.onnx), else by its class vocabulary.
     */
    public static Optional<ModelFamily> of(JsonNode info) {
        String detector = info.path("detector").asText("");
        for (ModelFamily family : values()) {
            if (family.detectorName != null && family.detectorName.matcher(detector).matches()) {
                return Optional.of(family);
            }
        }
        if (COCO_VOCABULARY.equals(info.path("detector_metadata").path("class_vocabulary").asText())) {
            return Optional.of(COCO);
        }
        return Optional.empty();
    }
}
