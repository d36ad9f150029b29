package dk.munin.exif;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.contract.photos.UnreadablePhoto;
import dk.munin.contract.testing.SharedData;
import dk.munin.state.Json;
import dk.munin.testing.ExifTruthTable;
import dk.munin.testing.TestPhotos;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PhotoMetadataReaderTest {

    private static final DateTimeFormatter EXIF_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

    private final PhotoMetadataReader reader = Stage0Fixtures.reader();

    @Test
    void readsTimeCameraSizeAndPositionWrittenByAnotherLibrary() throws Exception {
        byte[] photo = TestPhotos.jpeg().size(640, 480).camera("RECONYX", "HC600 HYPERFIRE")
                .taken(LocalDateTime.of(2024, 5, 17, 4, 31, 9)).gps(55.6761, -12.5683).bytes();

        PhotoMetadata metadata = reader.read(photo);

        assertThat(metadata.make()).isEqualTo("RECONYX");
        assertThat(metadata.model()).isEqualTo("HC600 HYPERFIRE");
        assertThat(metadata.dateTimeOriginal()).isEqualTo(LocalDateTime.of(2024, 5, 17, 4, 31, 9));
        assertThat(metadata.timeSource()).isEqualTo(TimeSource.EXIF);
        assertThat(metadata.width()).isEqualTo(640);
        assertThat(metadata.height()).isEqualTo(480);
        assertThat(metadata.latitude()).isCloseTo(55.6761, within(1e-4));
        assertThat(metadata.longitude()).isCloseTo(-12.5683, within(1e-4));
        assertThat(metadata.warnings()).isEmpty();
    }

    @Test
    void keepsSubSecondsAndTheOffsetTheCameraStates() throws Exception {
        byte[] photo = TestPhotos.jpeg().taken(LocalDateTime.of(2024, 5, 17, 4, 31, 9)).subSeconds("25").offsetTime("+02:00").bytes();

        PhotoMetadata metadata = reader.read(photo);

        assertThat(metadata.dateTimeOriginal()).isEqualTo(LocalDateTime.of(2024, 5, 17, 4, 31, 9, 250_000_000));
        assertThat(metadata.offsetTimeOriginal()).isEqualTo(ZoneOffset.ofHours(2));
    }

    @Test
    void aPlaceholderTimeIsNoTimeAndSaysSo() throws Exception {
        byte[] photo = TestPhotos.jpeg().camera("X", "Y").bytes();
        byte[] placeholder = TestPhotos.jpeg().taken(LocalDateTime.of(2024, 1, 1, 0, 0)).bytes();
        String text = new String(placeholder, StandardCharsets.ISO_8859_1).replace("2024:01:01 00:00:00", "0000:00:00 00:00:00");

        PhotoMetadata metadata = reader.read(text.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(reader.read(photo).timeSource()).isEqualTo(TimeSource.NONE);
        assertThat(metadata.dateTimeOriginal()).isNull();
        assertThat(metadata.timeSource()).isEqualTo(TimeSource.NONE);
        assertThat(metadata.warnings()).anyMatch(w -> w.contains("'0000:00:00 00:00:00' is not a date"));
    }

    @Test
    void aPhotoWithoutExifHasNoTimeButIsReadable() throws Exception {
        PhotoMetadata metadata = reader.read(TestPhotos.jpeg().size(100, 50).bytes());

        assertThat(metadata.dateTimeOriginal()).isNull();
        assertThat(metadata.make()).isNull();
        assertThat(metadata.width()).isEqualTo(100);
    }

    @Test
    void emptyAndNonJpegFilesAreUnreadableWithAReason() throws Exception {
        byte[] png = new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

        assertThatThrownBy(() -> reader.read(new byte[0])).isInstanceOf(UnreadablePhoto.class).hasMessageContaining("0 bytes");
        assertThatThrownBy(() -> reader.read("just text".getBytes())).isInstanceOf(UnreadablePhoto.class)
                .hasMessage("not a JPEG: it starts with 0x6a757374");
        assertThatThrownBy(() -> reader.read(png)).isInstanceOf(UnreadablePhoto.class)
                .hasMessageContaining("not a JPEG: the content is PNG");
    }

    @Test
    void aSyntheticHyperFire2MakerNoteGivesTimeAndBurstWhenExifHasNoTime() throws Exception {
        LocalDateTime taken = LocalDateTime.of(2023, 10, 29, 2, 30, 5);
        byte[] photo = TestPhotos.jpeg().camera("RECONYX", "HF2 PRO COVERT")
                .makerNote(ReconyxNotes.hyperFire2(3, 5, 70_000, taken, "HLPXEL0000001", "NORTH GATE  ")).bytes();

        PhotoMetadata metadata = reader.read(photo);

        assertThat(metadata.timeSource()).isEqualTo(TimeSource.MAKERNOTE);
        assertThat(metadata.dateTimeOriginal()).isEqualTo(taken);
        assertThat(metadata.reconyx()).isEqualTo(new ReconyxMakerNote(ReconyxMakerNote.Layout.HYPERFIRE_2, "Motion Detection",
                3, 5, 70_000L, taken, "Full", -3, "HLPXEL0000001", "NORTH GATE"));
    }

    @Test
    void agreesWithExiftoolOnEveryTimeOfTheSharedPhotosIncludingMakerNoteOnlyOnes() throws IOException {
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        int makerNoteOnly = 0;
        for (Map<String, String> row : ExifTruthTable.rows()) {
            String expected = row.get("datetime_original");
            if (expected == null || expected.isBlank() || "none".equals(row.get("datetime_original_source"))) {
                continue;
            }
            try {
                PhotoMetadata metadata = reader.read(Files.readAllBytes(SharedData.ROOT.resolve(row.get("path"))));
                compared++;
                TimeSource expectedSource = row.get("datetime_original_source").startsWith("Reconyx") ? TimeSource.MAKERNOTE : TimeSource.EXIF;
                makerNoteOnly += expectedSource == TimeSource.MAKERNOTE ? 1 : 0;
                if (!LocalDateTime.parse(expected, EXIF_TIME).equals(metadata.dateTimeOriginal()) || metadata.timeSource() != expectedSource) {
                    disagreements.add(row.get("path") + ": exiftool " + expected + " (" + expectedSource + "), Munin "
                            + metadata.dateTimeOriginal() + " (" + metadata.timeSource() + ")");
                }
            } catch (UnreadablePhoto e) {
                disagreements.add(row.get("path") + ": " + e.getMessage());
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(75);
        assertThat(makerNoteOnly).isEqualTo(3);
        assertThat(disagreements).isEmpty();
    }

    @Test
    void readsReconyxSequenceLabelAndSerialAsExiftoolDoes() throws IOException {
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        for (Map<String, String> row : ExifTruthTable.rows()) {
            if (row.get("reconyx_sequence") == null || row.get("reconyx_sequence").isBlank()) {
                continue;
            }
            compared++;
            ReconyxMakerNote reconyx = readShared(row.get("path")).reconyx();
            String actual = reconyx == null ? "no maker note"
                    : reconyx.sequenceNumber() + " of " + reconyx.sequenceTotal() + " | " + reconyx.userLabel() + " | " + reconyx.serialNumber();
            String expected = row.get("reconyx_sequence") + " | " + row.get("reconyx_user_label").trim() + " | " + row.get("reconyx_serial");
            if (!expected.equals(actual)) {
                disagreements.add(row.get("path") + ": exiftool " + expected + ", Munin " + actual);
            }
        }
        assertThat(compared).isEqualTo(27);
        assertThat(disagreements).isEmpty();
    }

    /** The CSV has no temperature or moon phase: exiftool itself is asked, when it is installed. */
    @Test
    void readsReconyxTemperatureMoonPhaseEventAndTriggerAsExiftoolDoes() throws Exception {
        Path images = SharedData.require("images");
        JsonNode exiftool = exiftoolJson(images);
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        for (JsonNode photo : exiftool) {
            if (!photo.has("AmbientTemperature")) {
                continue;
            }
            compared++;
            ReconyxMakerNote reconyx = reader.read(Files.readAllBytes(images.resolve(photo.path("SourceFile").asText()))).reconyx();
            String expected = photo.path("AmbientTemperature").asText() + " | " + photo.path("MoonPhase").asText() + " | "
                    + photo.path("EventNumber").asText() + " | " + photo.path("TriggerMode").asText();
            String actual = reconyx.ambientTemperatureC() + " C | " + reconyx.moonPhase() + " | " + reconyx.eventNumber() + " | "
                    + reconyx.triggerMode();
            if (!expected.equals(actual)) {
                disagreements.add(photo.path("SourceFile").asText() + ": exiftool " + expected + ", Munin " + actual);
            }
        }
        assertThat(compared).isEqualTo(27);
        assertThat(disagreements).isEmpty();
    }

    @Test
    void normalisesMakeAndModelAndKeepsWhatTheCameraWrote() throws Exception {
        PhotoMetadata cuddeback = readShared("images/camtrapR_sabah/StationB/MNE/StationB__2009-04-15__07-21-00(1).JPG");
        PhotoMetadata bushnell = readShared("images/megadetector_docs/sage-grouse-raw.jpg");
        PhotoMetadata rapidFire = readShared("images/ena24_zamba/49.jpg");
        PhotoMetadata noMakeButMakerNote = readShared("images/speciesnet_test_data/american_black_bear.jpg");
        PhotoMetadata noExif = readShared("images/ena24_zamba/2480.jpg");
        PhotoMetadata emptyMake = readShared("images/speciesnet_test_data/blank2.jpg");

        assertThat(List.of(cuddeback.make(), cuddeback.model(), cuddeback.makeRaw().trim(), cuddeback.modelRaw()))
                .containsExactly("CUDDEBACK", "G6.1", "G6.1", "CUDDEBACK");
        assertThat(bushnell.make()).isEqualTo("BUSHNELL");
        assertThat(bushnell.model()).isNull();
        assertThat(bushnell.modelRaw()).isEmpty();
        assertThat(rapidFire.make()).isEqualTo("RECONYX");
        assertThat(rapidFire.makeRaw().trim()).isEqualTo("Reconyx");
        assertThat(noMakeButMakerNote.make()).isEqualTo("RECONYX");
        assertThat(noMakeButMakerNote.makeRaw()).isNull();
        assertThat(noExif.make()).isNull();
        assertThat(emptyMake.make()).isNull();
        assertThat(emptyMake.makeRaw()).isEmpty();
        assertThat(emptyMake.software()).isEqualTo("BS682BWNx0110E");
    }

    @Test
    void agreesWithExiftoolOnPixelSizeAndOrientation() throws IOException {
        List<String> disagreements = new ArrayList<>();
        for (Map<String, String> row : ExifTruthTable.rows()) {
            if (row.get("image_size") == null || row.get("image_size").isBlank()) {
                continue;
            }
            PhotoMetadata metadata = readShared(row.get("path"));
            String orientation = row.get("orientation") == null || row.get("orientation").isBlank() ? "" : row.get("orientation");
            if (!row.get("image_size").equals(metadata.width() + "x" + metadata.height())
                    || orientation.equals("6") != Integer.valueOf(6).equals(metadata.orientation())) {
                disagreements.add(row.get("path") + ": exiftool " + row.get("image_size") + " " + orientation + ", Munin "
                        + metadata.width() + "x" + metadata.height() + " " + metadata.orientation());
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void readsRealGpsAndTreatsThePlaceholderWithoutRefTagsAsUnknown() throws Exception {
        PhotoMetadata grouse = readShared("images/megadetector_docs/sage-grouse-raw.jpg");
        PhotoMetadata sy = readShared("images/animl_southwest/2021-05-28_SYFR0041_deer.JPG");

        assertThat(grouse.latitude()).isCloseTo(42.94639, within(1e-5));
        assertThat(grouse.longitude()).isCloseTo(-116.52306, within(1e-5));
        assertThat(sy.latitude()).isNull();
        assertThat(sy.longitude()).isNull();
        assertThat(sy.make()).isEqualTo("SY");
    }

    @Test
    void aPositionAtExactlyZeroZeroIsUnknown() throws Exception {
        assertThat(reader.read(TestPhotos.jpeg().gps(0, 0).bytes()).latitude()).isNull();
    }

    private PhotoMetadata readShared(String path) throws IOException {
        try {
            return reader.read(Files.readAllBytes(SharedData.require(path)));
        } catch (UnreadablePhoto e) {
            throw new AssertionError(path + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode exiftoolJson(Path images) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("exiftool", "-json", "-r", "-Reconyx:AmbientTemperature", "-Reconyx:MoonPhase",
                    "-Reconyx:EventNumber", "-Reconyx:TriggerMode", ".").directory(images.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            Assumptions.abort("Skipped: exiftool is not installed (Debian: apt-get install libimage-exiftool-perl), "
                    + "so Reconyx temperature and moon phase cannot be compared with it");
            throw e;
        }
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return Json.parse(output);
    }
}
