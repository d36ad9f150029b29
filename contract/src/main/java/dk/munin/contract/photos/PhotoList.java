package dk.munin.contract.photos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.contract.storage.StoredLines;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage-0's photo list, {@code stage0/images.jsonl}: one JSON object per photo, in listing order,
 * the order detections.json follows. Of its fields (docs/images-jsonl.md) the detector and the
 * merge read only {@link #FILE}, {@link #URI} and {@link #BYTES}. A line that is not JSON or has
 * no {@code file} means the list is broken.
 */
public final class PhotoList {

    /** The photo's path relative to the input folder: MegaDetector's {@code file}. */
    public static final String FILE = "file";
    /** Where the photo is: {@code file:/abs/path} or {@code s3://bucket/key}. */
    public static final String URI = "uri";
    /** The object's size from the listing. */
    public static final String BYTES = "bytes";

    private static final ObjectMapper JSON = new ObjectMapper();

    private PhotoList() {
    }

    /**
     * The entries in file order; blank lines are skipped.
     *
     * @param source where the list came from, for messages
     * @throws InvalidPhotoList naming the line
     */
    public static List<PhotoListEntry> parse(byte[] jsonLines, String source) {
        List<PhotoListEntry> entries = new ArrayList<>();
        List<String> lines = new String(jsonLines, StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                entries.add(entry(lines.get(i), i + 1, source));
            }
        }
        return entries;
    }

    /** The entries of a stored list, read through range reads rather than as one object. */
    public static List<PhotoListEntry> read(ObjectStore store, Location imagesJsonl) {
        List<PhotoListEntry> entries = new ArrayList<>();
        int[] lineNumber = {0};
        new StoredLines(store).read(imagesJsonl, line -> {
            lineNumber[0]++;
            if (!line.isBlank()) {
                entries.add(entry(line, lineNumber[0], imagesJsonl.uri()));
            }
            return true;
        });
        return entries;
    }

    /** The {@code file} of every photo of a stored list, in file order. */
    public static List<String> files(ObjectStore store, Location imagesJsonl) {
        return read(store, imagesJsonl).stream().map(PhotoListEntry::file).toList();
    }

    private static PhotoListEntry entry(String line, int number, String source) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw broken(source, number, "is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw broken(source, number, "is not a JSON object");
        }
        JsonNode file = node.get(FILE);
        if (file == null || !file.isTextual() || file.asText().isBlank()) {
            throw broken(source, number, "has no \"" + FILE + "\"");
        }
        JsonNode uri = node.get(URI);
        boolean hasUri = uri != null && uri.isTextual() && !uri.asText().isBlank();
        JsonNode bytes = node.get(BYTES);
        return new PhotoListEntry(number, file.asText(), hasUri ? uri.asText() : null,
                bytes != null && bytes.canConvertToLong() && bytes.isIntegralNumber() ? bytes.asLong() : null);
    }

    private static InvalidPhotoList broken(String source, int line, String problem) {
        return new InvalidPhotoList(source + " line " + line + " " + problem);
    }
}
