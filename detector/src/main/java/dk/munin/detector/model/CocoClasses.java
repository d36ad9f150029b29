package dk.munin.detector.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The 80 COCO class names in the darknet spelling ("motorbike", "aeroplane", "sofa"), one per
 * line; the 0-based line is the class index the COCO-trained detectors output. This is not
 * COCO's 91-id category numbering.
 */
public final class CocoClasses {

    private static final String RESOURCE = "coco.names";
    private static final List<String> NAMES = load();

    private CocoClasses() {
    }

    public static List<String> names() {
        return NAMES;
    }

    public static int count() {
        return NAMES.size();
    }

    public static String name(int classId) {
        return NAMES.get(classId);
    }

    private static List<String> load() {
        try (InputStream in = CocoClasses.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the detector jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
