package dk.munin.detect;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.state.Json;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.contract.storage.StoredLines;

import java.util.ArrayList;
import java.util.List;

/** The {@code file} of each line of Stage-0's images.jsonl, in file order: the order detections.json follows. */
final class PhotoList {

    private PhotoList() {
    }

    static List<String> files(ObjectStore store, Location imagesJsonl) {
        List<String> files = new ArrayList<>();
        int[] lineNumber = {0};
        new StoredLines(store).read(imagesJsonl, line -> {
            lineNumber[0]++;
            if (!line.isBlank()) {
                JsonNode file = Json.parse(line).path("file");
                if (!file.isTextual() || file.asText().isEmpty()) {
                    throw new IllegalArgumentException("Line " + lineNumber[0] + " of " + imagesJsonl + " has no 'file'");
                }
                files.add(file.asText());
            }
            return true;
        });
        return files;
    }
}
