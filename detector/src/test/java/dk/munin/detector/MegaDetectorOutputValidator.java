package dk.munin.detector;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.contract.megadetector.MegaDetectorRules;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds a file the detector wrote to every rule of docs/megadetector-output-format.md: the
 * format's rules and the detector's own detector_metadata (the contract's {@link MegaDetectorRules}).
 */
final class MegaDetectorOutputValidator {

    private MegaDetectorOutputValidator() {
    }

    /** @throws AssertionError naming every broken rule */
    static void validate(JsonNode output, List<String> inputFiles, double outputThreshold) {
        List<String> broken = new ArrayList<>(MegaDetectorRules.check(output, inputFiles, outputThreshold));
        broken.addAll(MegaDetectorRules.checkDetectorMetadata(output, outputThreshold));
        if (!broken.isEmpty()) {
            throw new AssertionError("detections.json breaks the documented rules: " + String.join("; ", broken));
        }
    }
}
