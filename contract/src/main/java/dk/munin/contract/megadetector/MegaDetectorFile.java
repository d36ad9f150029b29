package dk.munin.contract.megadetector;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The MegaDetector batch output format (https://lila.science/megadetector-output-format), which
 * Timelapse, AddaxAI and MegaDetector's own postprocessing read: Munin writes it (the detector's
 * detections.json and shard files, the app's precomputed and merged files) and reads it (its own
 * files, and files MegaDetector made elsewhere). Munin's rules are in
 * docs/megadetector-output-format.md; {@link MegaDetectorRules} checks them.
 */
public final class MegaDetectorFile {

    /** The format version Munin writes to {@code info.format_version}: the one place it is named. */
    public static final String FORMAT_VERSION = "1.6";
    /** The oldest version Munin reads. */
    public static final String OLDEST_READABLE = "1.0";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MegaDetectorFile() {
    }

    /** The whole file, pretty-printed. */
    public static byte[] write(BatchInfo info, List<ImageEntry> images) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        write(info, images, bytes);
        return bytes.toByteArray();
    }

    /**
     * The same bytes as {@link #write(BatchInfo, List)}, written to {@code out} an entry at a time and
     * never held whole: a detector shard of a hundred thousand photos is a file of hundreds of MB, and
     * its JSON tree and byte array took several times that in heap. {@code out} is left open.
     */
    public static void write(BatchInfo info, List<ImageEntry> images, OutputStream out) {
        ObjectNode head = toJson(info, List.of());
        try (JsonGenerator json = JSON.writer().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            json.writeStartObject();
            for (String field : List.of("info", "detection_categories")) {
                json.writeFieldName(field);
                json.writeTree(head.get(field));
            }
            json.writeArrayFieldStart("images");
            for (ImageEntry image : images) {
                json.writeTree(entryNode(image));
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode toJson(BatchInfo info, List<ImageEntry> images) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode infoNode = root.putObject("info");
        infoNode.put("format_version", FORMAT_VERSION);
        infoNode.put("detector", info.detector());
        infoNode.put("detection_completion_time", info.completionTime());
        infoNode.set("detector_metadata", info.detectorMetadata() == null ? JSON.createObjectNode() : info.detectorMetadata());
        ObjectNode categories = root.putObject("detection_categories");
        MegaDetectorCategories.NAMES.forEach(categories::put);
        root.set("images", imagesNode(images));
        return root;
    }

    /** The {@code images} array, as written to the file and to the detector's checkpoints. */
    public static ArrayNode imagesNode(List<ImageEntry> images) {
        ArrayNode imagesNode = JSON.createArrayNode();
        images.forEach(image -> imagesNode.add(entryNode(image)));
        return imagesNode;
    }

    private static ObjectNode entryNode(ImageEntry image) {
        ObjectNode node = JSON.createObjectNode();
        node.put("file", image.file());
        if (image.isFailure()) {
            node.put("failure", image.failure());
            node.putNull("detections");
            return node;
        }
        if (image.truncated() != null) {
            node.put("truncated", image.truncated());
        }
        ArrayNode detections = node.putArray("detections");
        for (Detection detection : image.detections()) {
            ObjectNode detectionNode = detections.addObject();
            detectionNode.put("category", detection.category());
            detectionNode.put("conf", detection.conf());
            ArrayNode bbox = detectionNode.putArray("bbox");
            for (double coordinate : detection.bbox()) {
                bbox.add(coordinate);
            }
        }
        return node;
    }

    /**
     * Reads a file of format 1.0 to 1.6, from Munin or from elsewhere. Detections get Munin's
     * category ids (1 animal, 2 person, 3 vehicle), found by the file's own category names;
     * fields Munin does not use (max_detection_conf, classifications) are dropped. Detections
     * keep the file's order.
     *
     * @throws InvalidBatchFile naming what is wrong, and where
     */
    public static BatchOutput read(byte[] content) {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (IOException e) {
            throw new InvalidBatchFile("Not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidBatchFile("the top level is not a JSON object");
        }
        String version = formatVersion(root.path("info"));
        Map<String, String> categories = categoryIds(root.path("detection_categories"));
        JsonNode images = root.path("images");
        if (!images.isArray()) {
            throw new InvalidBatchFile("there is no 'images' array");
        }
        List<ImageEntry> entries = new ArrayList<>();
        int index = 0;
        for (JsonNode image : images) {
            entries.add(entry(image, index++, categories));
        }
        return new BatchOutput(root.get("info"), version, entries);
    }

    /**
     * Reads a file as {@link #read} does, but entry by entry: {@code onEntry} gets each image entry
     * as it is parsed, so a file of a million detections is never in memory whole. The file is
     * read twice: once for its {@code info} and {@code detection_categories} (the images are
     * skipped, wherever they stand in the file), then once for the images.
     *
     * @param content opens the file, once per pass
     * @return the file's info block and format version, without images (they went to {@code onEntry})
     * @throws InvalidBatchFile naming what is wrong, and where
     */
    public static BatchOutput stream(Supplier<InputStream> content, Consumer<ImageEntry> onEntry) {
        JsonNode info = JSON.createObjectNode();
        JsonNode categories = JSON.missingNode();
        boolean hasImages = false;
        try (JsonParser parser = topLevel(content.get())) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "info" -> info = JSON.readTree(parser);
                    case "detection_categories" -> categories = JSON.readTree(parser);
                    case "images" -> {
                        hasImages = value == JsonToken.START_ARRAY;
                        parser.skipChildren();
                    }
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new InvalidBatchFile("Not valid JSON: " + e.getMessage());
        }
        String version = formatVersion(info);
        Map<String, String> categoryIds = categoryIds(categories);
        if (!hasImages) {
            throw new InvalidBatchFile("there is no 'images' array");
        }
        try (JsonParser parser = topLevel(content.get())) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (!field.equals("images")) {
                    parser.skipChildren();
                    continue;
                }
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    onEntry.accept(entry(JSON.readTree(parser), index++, categoryIds));
                }
            }
        } catch (IOException e) {
            throw new InvalidBatchFile("Not valid JSON: " + e.getMessage());
        }
        return new BatchOutput(info, version, List.of());
    }

    private static JsonParser topLevel(InputStream content) throws IOException {
        JsonParser parser = JSON.getFactory().createParser(content);
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            parser.close();
            throw new InvalidBatchFile("the top level is not a JSON object");
        }
        return parser;
    }

    /**
     * Reads back an {@code images} array this class wrote (a checkpoint). Values are already
     * rounded, so writing them again gives the same text.
     *
     * @throws InvalidBatchFile when an entry is not in the shape this class writes
     */
    public static List<ImageEntry> readImages(JsonNode imagesNode) {
        if (imagesNode == null || !imagesNode.isArray()) {
            throw new InvalidBatchFile("no images array");
        }
        List<ImageEntry> images = new ArrayList<>();
        int index = 0;
        for (JsonNode image : imagesNode) {
            images.add(entry(image, index++, Map.of(MegaDetectorCategories.ANIMAL, MegaDetectorCategories.ANIMAL,
                    MegaDetectorCategories.PERSON, MegaDetectorCategories.PERSON, MegaDetectorCategories.VEHICLE, MegaDetectorCategories.VEHICLE)));
        }
        return images;
    }

    private static String formatVersion(JsonNode info) {
        JsonNode version = info.path("format_version");
        if (!info.isObject() || !(version.isTextual() || version.isNumber())) {
            throw new InvalidBatchFile("it has no info.format_version");
        }
        BigDecimal number;
        try {
            number = new BigDecimal(version.asText().trim());
        } catch (NumberFormatException e) {
            throw new InvalidBatchFile("info.format_version '" + version.asText() + "' is not a version number");
        }
        if (number.compareTo(new BigDecimal(OLDEST_READABLE)) < 0 || number.compareTo(new BigDecimal(FORMAT_VERSION)) > 0) {
            throw new InvalidBatchFile("format_version " + version.asText() + " is not one Munin reads ("
                    + OLDEST_READABLE + " to " + FORMAT_VERSION + ")");
        }
        return version.asText().trim();
    }

    /** The file's category keys mapped to Munin's; a file without detection_categories uses MegaDetector's own. */
    private static Map<String, String> categoryIds(JsonNode categories) {
        if (categories.isMissingNode() || categories.isNull()) {
            Map<String, String> own = new LinkedHashMap<>();
            MegaDetectorCategories.NAMES.keySet().forEach(id -> own.put(id, id));
            return own;
        }
        if (!categories.isObject()) {
            throw new InvalidBatchFile("detection_categories is not an object");
        }
        Map<String, String> ids = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = categories.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> category = it.next();
            String id = MegaDetectorCategories.idOf(category.getValue().asText()).orElseThrow(() -> new InvalidBatchFile(
                    "detection category '" + category.getKey() + "' is '" + category.getValue().asText()
                            + "'; Munin knows animal, person and vehicle only"));
            ids.put(category.getKey(), id);
        }
        return ids;
    }

    private static ImageEntry entry(JsonNode image, int index, Map<String, String> categories) {
        JsonNode file = image.path("file");
        if (!file.isTextual() || file.asText().isBlank()) {
            throw new InvalidBatchFile("images[" + index + "] has no 'file'");
        }
        JsonNode failure = image.path("failure");
        if (failure.isTextual()) {
            return ImageEntry.failedAs(file.asText(), failure.asText());
        }
        JsonNode detections = image.path("detections");
        if (!detections.isArray()) {
            throw new InvalidBatchFile("'" + file.asText() + "' has neither a detections list nor a failure");
        }
        List<Detection> read = new ArrayList<>();
        for (JsonNode detection : detections) {
            read.add(detection(detection, categories, file.asText()));
        }
        JsonNode truncated = image.path("truncated");
        return truncated.isTextual() && !truncated.asText().isBlank()
                ? ImageEntry.detectedTruncated(file.asText(), read, truncated.asText())
                : ImageEntry.detected(file.asText(), read);
    }

    private static Detection detection(JsonNode detection, Map<String, String> categories, String file) {
        String category = categories.get(detection.path("category").asText());
        JsonNode conf = detection.path("conf");
        JsonNode bbox = detection.path("bbox");
        if (category == null) {
            throw new InvalidBatchFile("'" + file + "' has a detection of category '" + detection.path("category").asText()
                    + "', which detection_categories does not name");
        }
        if (!conf.isNumber() || conf.asDouble() < 0 || conf.asDouble() > 1) {
            throw new InvalidBatchFile("'" + file + "' has a detection whose conf is not a number from 0 to 1: " + conf);
        }
        if (!bbox.isArray() || bbox.size() != 4 || !allNumbers(bbox)) {
            throw new InvalidBatchFile("'" + file + "' has a detection whose bbox is not four numbers: " + bbox);
        }
        double[] box = new double[4];
        for (int i = 0; i < 4; i++) {
            box[i] = bbox.get(i).asDouble();
        }
        return new Detection(category, conf.asDouble(), box);
    }

    private static boolean allNumbers(JsonNode array) {
        for (JsonNode value : array) {
            if (!value.isNumber()) {
                return false;
            }
        }
        return true;
    }
}
