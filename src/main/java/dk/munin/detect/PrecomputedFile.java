package dk.munin.detect;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.contract.megadetector.BatchOutput;
import dk.munin.contract.megadetector.Detection;
import dk.munin.contract.megadetector.ImageEntry;
import dk.munin.contract.megadetector.InvalidBatchFile;
import dk.munin.contract.megadetector.MegaDetectorFile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A MegaDetector batch output file made elsewhere (format 1.0 to 1.6), read by the contract's
 * reader into entries keyed by their normalised path, with the detections below the output
 * threshold dropped (as the detector drops them) and the rest best first.
 */
final class PrecomputedFile {

    private final String source;
    private final BatchOutput file;
    private final Map<String, ImageEntry> byPath;

    private PrecomputedFile(String source, BatchOutput file, Map<String, ImageEntry> byPath) {
        this.source = source;
        this.file = file;
        this.byPath = byPath;
    }

    /**
     * @param source              where the file came from, for messages
     * @param confidenceThreshold detections below it are dropped
     * @throws InvalidPrecomputedDetections saying what is wrong with the file
     */
    static PrecomputedFile parse(byte[] content, String source, double confidenceThreshold) {
        BatchOutput file;
        try {
            file = MegaDetectorFile.read(content);
        } catch (InvalidBatchFile e) {
            throw invalid(source, e.getMessage());
        }
        Map<String, ImageEntry> byPath = new LinkedHashMap<>();
        for (ImageEntry image : file.images()) {
            String path = normalise(image.file());
            ImageEntry entry = image.isFailure() ? ImageEntry.failedAs(path, image.failure())
                    : ImageEntry.detected(path, kept(image.detections(), confidenceThreshold));
            if (byPath.put(path, entry) != null) {
                throw invalid(source, "it lists '" + path + "' twice");
            }
        }
        return new PrecomputedFile(source, file, byPath);
    }

    private static List<Detection> kept(List<Detection> detections, double threshold) {
        List<Detection> kept = new ArrayList<>();
        for (Detection detection : detections) {
            if (detection.conf() >= threshold) {
                kept.add(detection);
            }
        }
        kept.sort(Comparator.comparingDouble(Detection::conf).reversed());
        return kept;
    }

    /**
     * '/' separators (MegaDetector run on Windows writes '\'), no leading "./". Case is kept:
     * camera-trap folders often differ only in case on a case-sensitive store.
     */
    static String normalise(String path) {
        String slashed = path.trim().replace('\\', '/');
        while (slashed.startsWith("./")) {
            slashed = slashed.substring(2);
        }
        return slashed;
    }

    private static InvalidPrecomputedDetections invalid(String source, String reason) {
        return new InvalidPrecomputedDetections("The precomputed MegaDetector file " + source
                + " (munin.detect.precomputed-file) cannot be used: " + reason);
    }

    String source() {
        return source;
    }

    String formatVersion() {
        return file.formatVersion();
    }

    /** The file's info block, for its detector name and completion time. */
    JsonNode info() {
        return file.info();
    }

    Map<String, ImageEntry> entries() {
        return byPath;
    }
}
