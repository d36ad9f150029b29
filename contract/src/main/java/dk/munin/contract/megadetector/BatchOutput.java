package dk.munin.contract.megadetector;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A MegaDetector batch output file as read.
 *
 * @param info          the file's {@code info} block as written (detector, completion time, metadata)
 * @param formatVersion its {@code info.format_version}
 * @param images        its entries in file order, with Munin's category ids
 */
public record BatchOutput(JsonNode info, String formatVersion, List<ImageEntry> images) {

    public BatchOutput {
        images = List.copyOf(images);
    }
}
