package dk.munin.exif;

import dk.munin.testing.ExifTruthTable;
import dk.munin.testing.SharedData;
import dk.munin.testing.TestPhotos;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PhotoMetadataReaderTest {

    private final PhotoMetadataReader reader = new PhotoMetadataReader();

    @Test
    void readsTimeCameraSizeAndPositionWrittenByAnotherLibrary() throws Exception {
        byte[] photo = TestPhotos.jpeg().size(640, 480).camera("RECONYX", "HC600 HYPERFIRE")
                .taken(LocalDateTime.of(2024, 5, 17, 4, 31, 9)).gps(55.6761, -12.5683).bytes();

        PhotoMetadata metadata = reader.read(photo);

        assertThat(metadata.make()).isEqualTo("RECONYX");
        assertThat(metadata.model()).isEqualTo("HC600 HYPERFIRE");
        assertThat(metadata.dateTimeOriginal()).isEqualTo(LocalDateTime.of(2024, 5, 17, 4, 31, 9));
        assertThat(metadata.width()).isEqualTo(640);
        assertThat(metadata.height()).isEqualTo(480);
        assertThat(metadata.latitude()).isCloseTo(55.6761, within(1e-4));
        assertThat(metadata.longitude()).isCloseTo(-12.5683, within(1e-4));
    }

    @Test
    void aPhotoWithoutExifHasNoTimeButIsReadable() throws Exception {
        PhotoMetadata metadata = reader.read(TestPhotos.jpeg().size(100, 50).bytes());

        assertThat(metadata.dateTimeOriginal()).isNull();
        assertThat(metadata.make()).isNull();
        assertThat(metadata.width()).isEqualTo(100);
    }

    @Test
    void emptyAndNonImageFilesAreUnreadableWithAReason() {
        assertThatThrownBy(() -> reader.read(new byte[0])).isInstanceOf(UnreadablePhoto.class).hasMessageContaining("0 bytes");
        assertThatThrownBy(() -> reader.read("just text".getBytes())).isInstanceOf(UnreadablePhoto.class)
                .hasMessageContaining("not a readable image");
    }

    @Test
    void agreesWithExiftoolOnEverySharedPhotosExifTime() throws IOException {
        DateTimeFormatter exifTime = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        for (Map<String, String> row : ExifTruthTable.rows()) {
            if (!"EXIF".equals(row.get("datetime_original_source"))) {
                continue;
            }
            byte[] photo = Files.readAllBytes(SharedData.ROOT.resolve(row.get("path")));
            try {
                LocalDateTime expected = LocalDateTime.parse(row.get("datetime_original"), exifTime);
                LocalDateTime actual = reader.read(photo).dateTimeOriginal();
                compared++;
                if (!expected.equals(actual)) {
                    disagreements.add(row.get("path") + ": exiftool " + expected + ", Munin " + actual);
                }
            } catch (UnreadablePhoto e) {
                disagreements.add(row.get("path") + ": " + e.getMessage());
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(70);
        assertThat(disagreements).isEmpty();
    }

    @Test
    void readsRealGpsAndTreatsThePlaceholderWithoutRefTagsAsUnknown() throws Exception {
        PhotoMetadata grouse = reader.read(Files.readAllBytes(SharedData.require("images/megadetector_docs/sage-grouse-raw.jpg")));
        PhotoMetadata sy = reader.read(Files.readAllBytes(SharedData.require("images/animl_southwest/2021-05-28_SYFR0041_deer.JPG")));

        assertThat(grouse.latitude()).isCloseTo(42.94639, within(1e-5));
        assertThat(grouse.longitude()).isCloseTo(-116.52306, within(1e-5));
        assertThat(sy.latitude()).isNull();
        assertThat(sy.longitude()).isNull();
        assertThat(sy.make()).isEqualTo("SY");
    }
}
