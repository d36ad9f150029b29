package dk.munin.exif;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.metadata.Metadata;
import dk.munin.contract.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Munin's own decoding of the raw Reconyx maker notes against metadata-extractor's directories,
 * on every shared Reconyx photo: they must agree wherever both have a value, and the gaps
 * metadata-extractor 2.21 leaves (the reason the raw decoding exists) are pinned here, so an
 * upgrade that fills them is noticed.
 */
class ReconyxLayoutsTest {

    private static final Map<String, Function<ReconyxMakerNote, Object>> FIELDS = Map.of(
            "trigger_mode", ReconyxMakerNote::triggerMode,
            "sequence_number", ReconyxMakerNote::sequenceNumber,
            "sequence_total", ReconyxMakerNote::sequenceTotal,
            "event_number", ReconyxMakerNote::eventNumber,
            "datetime", ReconyxMakerNote::dateTimeOriginal,
            "moon_phase", ReconyxMakerNote::moonPhase,
            "temperature", ReconyxMakerNote::ambientTemperatureC,
            "serial_number", ReconyxMakerNote::serialNumber,
            "user_label", ReconyxMakerNote::userLabel);

    @Test
    void rawDecodingAgreesWithMetadataExtractorWhereverBothHaveAValue() throws Exception {
        List<String> disagreements = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        int photos = 0;
        for (Path photo : sharedPhotos()) {
            JpegHead head = Stage0Fixtures.heads().read((start, length) -> slice(photo, start, length), Files.size(photo));
            Metadata metadata = JpegMetadataReader.readMetadata(new ByteArrayInputStream(head.metadataJpeg()));
            ReconyxMakerNote fromDirectory = ReconyxMakerNote.fromDirectories(metadata);
            ReconyxMakerNote decoded = ReconyxLayouts.decode(ExifMakerNote.find(head.exif()));
            if (fromDirectory == null) {
                assertThat(decoded).as(photo + " has no Reconyx directory, so no Reconyx layout either").isNull();
                continue;
            }
            photos++;
            assertThat(decoded).as(photo.toString()).isNotNull();
            assertThat(decoded.layout()).isEqualTo(fromDirectory.layout());
            FIELDS.forEach((name, field) -> {
                Object expected = field.apply(fromDirectory);
                Object actual = field.apply(decoded);
                if (expected == null) {
                    gaps.add(fromDirectory.layout() + " " + name);
                } else if (!expected.equals(actual)) {
                    disagreements.add(photo.getFileName() + " " + name + ": metadata-extractor " + expected + ", raw " + actual);
                }
            });
        }
        assertThat(photos).isEqualTo(27);
        assertThat(disagreements).isEmpty();
        assertThat(gaps.stream().distinct().sorted()).containsExactly(
                "HYPERFIRE_2 trigger_mode", "HYPERFIRE_2 user_label",
                "ULTRAFIRE datetime", "ULTRAFIRE event_number", "ULTRAFIRE temperature", "ULTRAFIRE user_label");
    }

    @Test
    void aShortOrForeignMakerNoteDecodesToNothingOrToWhatIsThere() {
        byte[] hyperFire2 = ReconyxNotes.hyperFire2(2, 3, 9, LocalDateTime.of(2024, 6, 1, 5, 6, 7), "SER", "LBL");

        assertThat(ReconyxLayouts.decode(null)).isNull();
        assertThat(ReconyxLayouts.decode(new byte[] {1})).isNull();
        assertThat(ReconyxLayouts.decode("Nikon\0\2\0\0\0".getBytes())).isNull();
        ReconyxMakerNote cut = ReconyxLayouts.decode(java.util.Arrays.copyOf(hyperFire2, 60));
        assertThat(cut.sequenceNumber()).isEqualTo(2);
        assertThat(cut.sequenceTotal()).isEqualTo(3);
        assertThat(cut.eventNumber()).isNull();
        assertThat(cut.dateTimeOriginal()).isNull();
        assertThat(cut.serialNumber()).isNull();
    }

    private static List<Path> sharedPhotos() throws Exception {
        try (Stream<Path> files = Files.walk(SharedData.require("images"))) {
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return Files.size(f) > 0;
                } catch (Exception e) {
                    return false;
                }
            }).sorted().toList();
        }
    }

    private static byte[] slice(Path file, long start, int length) {
        try {
            byte[] all = Files.readAllBytes(file);
            int from = (int) Math.min(start, all.length);
            return java.util.Arrays.copyOfRange(all, from, (int) Math.min(all.length, start + length));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
