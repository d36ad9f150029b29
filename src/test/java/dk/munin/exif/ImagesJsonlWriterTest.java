package dk.munin.exif;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.state.Json;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The streaming line writer against Jackson databind's view of PhotoRecord: same names, order and values. */
class ImagesJsonlWriterTest {

    static PhotoRecord full() {
        return new PhotoRecord("Station Ø/cam 1/IMG \"1\".JPG", "s3://b/k", 1_561_227, 65_536, "Station Ø", "Station Ø/cam 1", "D1",
                "RECONYX", "HF2 PRO COVERT", "RECONYX", "HF2 PRO COVERT", "1.2\tbeta", "HLPXEL09018779", "MICA 318",
                2048, 1440, 1, "2023-04-11T20:43:09.25", "makernote", "+01:00", "2024-04-11T20:43:09.25", "+01:00", "deployment",
                "2024-04-11T19:43:09.250Z", List.of("offset +1y", "drift -15.000s (+11.6 ppm)"), List.of("outside_deployment"),
                3, 10, 4_294_967_295L, "Motion Detection", -5, "Waning Gibbous", 55.6761, -12.5683, "exif",
                List.of("a \\ backslash", "日本"), null);
    }

    static PhotoRecord failed() {
        return new PhotoRecord("x.jpg", "file:/x.jpg", 0, 0, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, "none", null, null, null, null, null, List.of(), List.of(), null, null, null, null, null, null, null,
                null, null, List.of(), "empty file (0 bytes)");
    }

    @Test
    void writesWhatDatabindWouldWriteOneLinePerRecord() throws Exception {
        StringWriter out = new StringWriter();
        try (ImagesJsonlWriter writer = new ImagesJsonlWriter(out)) {
            writer.write(full());
            writer.write(failed());
        }

        String[] lines = out.toString().split("\n", -1);
        assertThat(lines).hasSize(3);
        assertThat(lines[2]).isEmpty();
        assertSameAsDatabind(lines[0], full());
        assertSameAsDatabind(lines[1], failed());
    }

    private static void assertSameAsDatabind(String line, PhotoRecord record) {
        JsonNode written = Json.parse(line);
        JsonNode databind = Json.parse(Json.write(record));
        assertThat(names(written)).containsExactlyElementsOf(names(databind));
        assertThat(written).isEqualTo(databind);
        assertThat(Json.MAPPER.convertValue(written, PhotoRecord.class)).isEqualTo(record);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
