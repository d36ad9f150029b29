package dk.munin.detector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the Stage-0 photo list: one JSON object per line, of which only {@code file} and
 * {@code uri} matter here. A line that is not JSON or has no {@code file} means the list is
 * broken, and the run stops rather than write an output that silently lacks a photo.
 */
public final class PhotoList {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PhotoList() {
    }

    /** The entries in file order; blank lines are skipped. */
    public static List<PhotoListEntry> parse(byte[] jsonLines, String source) {
        List<PhotoListEntry> entries = new ArrayList<>();
        List<String> lines = new String(jsonLines, StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isBlank()) {
                entries.add(entry(line, i + 1, source));
            }
        }
        return entries;
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
        JsonNode file = node.get("file");
        if (file == null || !file.isTextual() || file.asText().isBlank()) {
            throw broken(source, number, "has no \"file\"");
        }
        JsonNode uri = node.get("uri");
        boolean hasUri = uri != null && uri.isTextual() && !uri.asText().isBlank();
        return new PhotoListEntry(number, file.asText(), hasUri ? uri.asText() : null);
    }

    private static DetectorFailure broken(String source, int line, String problem) {
        return DetectorFailure.cannotProceed(source + " line " + line + " " + problem, null);
    }
}
