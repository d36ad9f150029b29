package dk.munin.detect;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.state.Json;
import dk.munin.storage.Location;
import dk.munin.storage.ObjectStore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The {@code file} of each line of Stage-0's images.jsonl, in file order: the order detections.json follows. */
final class PhotoList {

    private PhotoList() {
    }

    static List<String> files(ObjectStore store, Location imagesJsonl) {
        List<String> files = new ArrayList<>();
        String text = new String(store.read(imagesJsonl), StandardCharsets.UTF_8);
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode file = Json.parse(line).path("file");
            if (!file.isTextual() || file.asText().isEmpty()) {
                throw new IllegalArgumentException("Line " + lineNumber + " of " + imagesJsonl + " has no 'file'");
            }
            files.add(file.asText());
        }
        return files;
    }
}
