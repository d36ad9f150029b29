package dk.munin.exif;

import dk.munin.contract.photos.UnreadablePhoto;
import dk.munin.contract.testing.SharedData;
import dk.munin.testing.TestPhotos;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JpegHeadReaderTest {

    private static final int KIB = 1024;

    private final JpegHeadReader heads = Stage0Fixtures.heads();

    /** A store stand-in that serves ranges of a byte array and remembers every request. */
    static final class RecordingSource implements JpegHeadReader.RangeSource {
        final byte[] content;
        final List<long[]> requests = new ArrayList<>();

        RecordingSource(byte[] content) {
            this.content = content;
        }

        @Override
        public byte[] read(long start, int length) {
            requests.add(new long[] {start, length});
            int from = (int) Math.min(start, content.length);
            return Arrays.copyOfRange(content, from, (int) Math.min(content.length, start + length));
        }
    }

    @Test
    void readsEverySharedPhotosMetadataWithinTheFirst128KiBInOneRequestWhereItFits() throws Exception {
        List<String> problems = new ArrayList<>();
        int photos = 0;
        for (Path file : sharedPhotos()) {
            byte[] content = Files.readAllBytes(file);
            RecordingSource source = new RecordingSource(content);
            JpegHead head = heads.read(source, content.length);
            photos++;
            long served = source.requests.stream().mapToLong(r -> Math.min(r[1], content.length - r[0])).sum();
            if (head.bytesRead() != served || head.bytesRead() > 128 * KIB) {
                problems.add(file.getFileName() + ": read " + head.bytesRead() + " bytes, served " + served);
            }
            if (source.requests.stream().anyMatch(r -> r[0] >= content.length)) {
                problems.add(file.getFileName() + ": a request starts past the end (S3 answers 416)");
            }
            if (head.requests() != source.requests.size()) {
                problems.add(file.getFileName() + ": counted " + head.requests() + " requests, made " + source.requests.size());
            }
            if (metadataEnd(content) <= 64 * KIB && source.requests.size() != 1) {
                problems.add(file.getFileName() + ": " + source.requests.size() + " requests for metadata inside the head");
            }
            if (!head.frameHeader()) {
                problems.add(file.getFileName() + ": no frame header found");
            }
        }
        assertThat(photos).isEqualTo(82);
        assertThat(problems).isEmpty();
    }

    @Test
    void stepsOverLargeSegmentsItDoesNotReadWithoutFetchingThem() throws Exception {
        byte[] elephants = Files.readAllBytes(SharedData.require("images/speciesnet_test_data/african_elephants.jpg"));
        RecordingSource source = new RecordingSource(elephants);

        JpegHead head = heads.read(source, elephants.length);

        assertThat(metadataEnd(elephants)).isGreaterThan(250_000); // four APP15 segments sit between EXIF and the frame header
        assertThat(head.bytesRead()).isLessThanOrEqualTo(128 * KIB);
        assertThat(source.requests).hasSizeGreaterThan(1);
        assertThat(Stage0Fixtures.reader().read(head).dateTimeOriginal()).isEqualTo(LocalDateTime.of(2010, 8, 4, 8, 43, 15));
        assertThat(Stage0Fixtures.reader().read(head).width()).isEqualTo(2048);
    }

    @Test
    void fetchesTheRestOfAnExifSegmentLongerThanTheHead() throws Exception {
        byte[] photo = withSegmentsBeforeExif(TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 12, 0)).bytes(), 0);
        JpegHeadReader smallHead = new JpegHeadReader(64, 64, 1024 * KIB);
        RecordingSource source = new RecordingSource(photo);

        JpegHead head = smallHead.read(source, photo.length);

        assertThat(source.requests).hasSizeGreaterThan(1);
        assertThat(head.warnings()).isEmpty();
        assertThat(new PhotoMetadataReader(smallHead, new CameraMakes("RECONYX"), 1_000_000).read(head).dateTimeOriginal())
                .isEqualTo(LocalDateTime.of(2024, 6, 1, 12, 0));
    }

    @Test
    void stopsAtTheLimitAndSaysSo() throws Exception {
        byte[] photo = withSegmentsBeforeExif(TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 12, 0)).bytes(), 8);
        JpegHeadReader limited = new JpegHeadReader(16 * KIB, 16 * KIB, 256 * KIB);
        RecordingSource source = new RecordingSource(photo);

        JpegHead head = limited.read(source, photo.length);

        assertThat(head.bytesRead()).isLessThanOrEqualTo(256 * KIB);
        assertThat(head.exif()).isNull();
        assertThat(head.warnings()).anyMatch(w -> w.contains("munin.exif.max-metadata-bytes"));
    }

    @Test
    void aFileCutInsideTheExifSegmentKeepsWhatIsThereWithAWarning() throws Exception {
        byte[] whole = Files.readAllBytes(SharedData.require("images/megadetector_docs/nacti.jpg"));
        byte[] cut = Arrays.copyOf(whole, 1200); // the EXIF segment runs to byte 1961

        JpegHead head = heads.read(new RecordingSource(cut), cut.length);

        assertThat(head.warnings()).anyMatch(w -> w.contains("ends inside segment 0xE1"));
        assertThat(head.exif()).hasSize(1200 - 4 - 6 - 20); // SOI + JFIF APP0 (20 bytes) come first
        assertThat(head.frameHeader()).isFalse();
    }

    @Test
    void garbageWhereAMarkerShouldBeEndsTheWalkWithAWarning() throws Exception {
        byte[] photo = TestPhotos.jpeg().bytes();
        byte[] broken = photo.clone();
        broken[2] = 0x00; // the first marker after SOI

        JpegHead head = heads.read(new RecordingSource(broken), broken.length);

        assertThat(head.warnings()).singleElement().asString().contains("no JPEG marker");
    }

    @Test
    void fillBytesAndStandaloneMarkersBeforeTheExifSegmentAreSteppedOver() throws Exception {
        byte[] photo = TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 12, 0)).bytes();
        ByteArrayOutputStream padded = new ByteArrayOutputStream();
        padded.write(photo, 0, 2);
        padded.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01, (byte) 0xFF, (byte) 0xD3}); // fill, TEM, RST3
        padded.write(photo, 2, photo.length - 2);

        JpegHead head = heads.read(new RecordingSource(padded.toByteArray()), padded.size());

        assertThat(head.warnings()).isEmpty();
        assertThat(head.frameHeader()).isTrue();
        assertThat(Stage0Fixtures.reader().read(head).dateTimeOriginal()).isEqualTo(LocalDateTime.of(2024, 6, 1, 12, 0));
    }

    @Test
    void anEmptyObjectIsNotRequestedAtAll() {
        RecordingSource source = new RecordingSource(new byte[0]);

        assertThatThrownBy(() -> heads.read(source, 0)).isInstanceOf(UnreadablePhoto.class).hasMessage("empty file (0 bytes)");
        assertThat(source.requests).isEmpty();
    }

    /** Where the image data starts: everything before it is metadata. */
    static int metadataEnd(byte[] jpeg) {
        int position = 2;
        while (position + 4 <= jpeg.length) {
            int marker = jpeg[position + 1] & 0xFF;
            if (marker == 0xDA) {
                return position;
            }
            position += 2 + ((jpeg[position + 2] & 0xFF) << 8 | (jpeg[position + 3] & 0xFF));
        }
        return jpeg.length;
    }

    /** The photo with {@code count} 64 KB APP2 segments between SOI and its first segment. */
    static byte[] withSegmentsBeforeExif(byte[] jpeg, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        for (int i = 0; i < count; i++) {
            out.write(0xFF);
            out.write(0xE2);
            out.write(0xFF);
            out.write(0xFF);
            out.write(new byte[0xFFFF - 2], 0, 0xFFFF - 2);
        }
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    static List<Path> sharedPhotos() throws Exception {
        try (Stream<Path> files = Files.walk(SharedData.require("images"))) {
            return files.filter(Files::isRegularFile).filter(f -> f.toFile().length() > 0).sorted().toList();
        }
    }
}
