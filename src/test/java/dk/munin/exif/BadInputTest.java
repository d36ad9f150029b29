package dk.munin.exif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.stage.stage0exif.Stage0ExifTest;
import dk.munin.state.Json;
import dk.munin.testing.TestPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/** A folder of everything that goes wrong with real card dumps: Stage-0 records each and completes. */
class BadInputTest {

    @TempDir
    Path dir;

    @Test
    void everyBadFileGetsItsLineWithAnErrorOrAWarningAndTheStageCompletes() throws Exception {
        byte[] good = TestPhotos.jpeg().size(320, 240).camera("BUSHNELL", "").taken(LocalDateTime.of(2024, 6, 1, 12, 0)).bytes();
        Path in = Files.createDirectories(dir.resolve("in/Station Ø/cam 1"));
        Files.write(in.resolve("empty.JPG"), new byte[0]);
        Files.write(in.resolve("cut after the header.jpg"), Arrays.copyOf(good, 3));
        Files.write(in.resolve("cut in exif.jpg"), Arrays.copyOf(good, 60));
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", in.resolve("really a png.jpg").toFile());
        Files.writeString(in.resolve("notes.jpeg"), "field notes, not a photo", StandardCharsets.UTF_8);
        Files.write(in.resolve("broken exif.jpg"), brokenTiffHeader(good));
        Files.write(in.resolve("zero size.jpg"), withFrameSize(good, 0, 0));
        Files.write(in.resolve("huge size.jpg"), withFrameSize(good, 65535, 65535));
        Files.write(in.resolve("Bär 日本 ok.JPG"), good);
        ObjectNode manifest = Json.object();
        manifest.put("input_uri", dir.resolve("in").toString());
        manifest.put("output_uri", dir.resolve("out").toString());
        manifest.put("max_images", 100);

        JsonNode state = (Stage0Fixtures.stage(new LocalFileStore(), Stage0Fixtures.NOW, Map.of()).run(manifest));

        Map<String, JsonNode> byName = Stage0ExifTest.lines(state).stream()
                .collect(Collectors.toMap(l -> l.path("file").asText().replaceFirst(".*/", ""), Function.identity()));
        assertThat(byName).hasSize(9);
        assertThat(byName.get("empty.JPG").path("error").asText()).isEqualTo("empty file (0 bytes)");
        assertThat(byName.get("really a png.jpg").path("error").asText()).isEqualTo("not a JPEG: the content is PNG");
        assertThat(byName.get("notes.jpeg").path("error").asText()).startsWith("not a JPEG: it starts with 0x");
        assertThat(warnings(byName.get("cut after the header.jpg"))).contains("the file ends");
        assertThat(warnings(byName.get("cut in exif.jpg"))).contains("the file ends inside segment 0xE1");
        assertThat(warnings(byName.get("broken exif.jpg"))).contains("Exception processing TIFF data");
        assertThat(byName.get("broken exif.jpg").path("width").asInt()).isEqualTo(320);
        assertThat(warnings(byName.get("zero size.jpg"))).contains("absurd dimensions 0x0");
        assertThat(warnings(byName.get("huge size.jpg"))).contains("absurd dimensions 65535x65535");
        JsonNode fine = byName.get("Bär 日本 ok.JPG");
        assertThat(fine.path("file").asText()).isEqualTo("Station Ø/cam 1/Bär 日本 ok.JPG");
        assertThat(fine.path("station").asText()).isEqualTo("Station Ø");
        assertThat(fine.path("datetime_original").asText()).isEqualTo("2024-06-01T12:00:00");
        assertThat(fine.path("warnings")).isEmpty();
        assertThat(state.path("stage0_exif").path("photos_failed").asInt()).isEqualTo(3);
        assertThat(state.path("stage0_exif").path("photos_with_warnings").asInt()).isEqualTo(5);
    }

    private static String warnings(JsonNode line) {
        assertThat(line.path("error").isNull()).as(line.toString()).isTrue();
        return line.path("warnings").toString();
    }

    /** "II*\0" / "MM\0*" made unrecognisable: the EXIF segment is there, its TIFF structure is not. */
    private static byte[] brokenTiffHeader(byte[] jpeg) {
        byte[] copy = jpeg.clone();
        String text = new String(copy, StandardCharsets.ISO_8859_1);
        int tiff = text.indexOf("Exif\0\0") + 6;
        copy[tiff] = 'X';
        copy[tiff + 1] = 'Y';
        return copy;
    }

    /** The frame header (SOF0) rewritten to claim another pixel size. */
    private static byte[] withFrameSize(byte[] jpeg, int width, int height) {
        byte[] copy = jpeg.clone();
        int position = 2;
        while ((copy[position + 1] & 0xFF) != 0xC0) {
            position += 2 + ((copy[position + 2] & 0xFF) << 8 | (copy[position + 3] & 0xFF));
        }
        copy[position + 5] = (byte) (height >> 8);
        copy[position + 6] = (byte) height;
        copy[position + 7] = (byte) (width >> 8);
        copy[position + 8] = (byte) width;
        return copy;
    }
}
