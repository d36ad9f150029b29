package dk.munin.bench;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import dk.munin.contract.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The photos of {@code make bench-load}: valid JPEGs whose EXIF another reader reads back, the same bytes from the same seed. */
class LoadPhotosTest {

    private static final DateTimeFormatter EXIF_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

    @TempDir
    Path dir;

    @Test
    void everyPhotoIsAJpegWithItsCameraAndATimeAfterTheLastInItsStationFolder() throws Exception {
        LoadPhotos.Written written = new LoadPhotos(61, 3, null, 5L).writeTo(dir.resolve("drawn"));

        List<Path> photos = photos(written.folder());
        assertThat(photos).hasSize(61);
        assertThat(written.summary().photos()).isEqualTo(61);
        assertThat(written.summary().bytes()).isEqualTo(photos.stream().mapToLong(LoadPhotosTest::size).sum());
        assertThat(photos.stream().map(photo -> photo.getParent().getFileName().toString()).distinct())
                .containsExactly("Station01", "Station02", "Station03");
        assertThat(photos.stream().filter(photo -> photo.startsWith(written.folder().resolve("Station01")))).hasSize(21);
        LocalDateTime last = null;
        Path lastFolder = null;
        for (Path photo : photos) {
            BufferedImage pixels = ImageIO.read(photo.toFile());
            assertThat(pixels).as(photo + " decodes").isNotNull();
            Metadata metadata = ImageMetadataReader.readMetadata(photo.toFile());
            assertThat(metadata.getFirstDirectoryOfType(ExifIFD0Directory.class).getString(ExifIFD0Directory.TAG_MAKE)).isNotBlank();
            LocalDateTime taken = LocalDateTime.parse(
                    metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class).getString(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL), EXIF_TIME);
            if (photo.getParent().equals(lastFolder)) {
                assertThat(taken).as(photo + " after the one before").isAfter(last);
            }
            last = taken;
            lastFolder = photo.getParent();
        }
    }

    @Test
    void realScenesGiveViewsThatDifferFromTemplateToTemplate() throws Exception {
        Path scenes = SharedData.require("images");
        LoadPhotos.Written written = LoadPhotos.of(45, 1, scenes).writeTo(dir.resolve("real"));

        List<Path> photos = photos(written.folder());
        Set<String> pictures = new HashSet<>();
        for (Path photo : photos) {
            BufferedImage pixels = ImageIO.read(photo.toFile());
            assertThat(pixels.getWidth()).isEqualTo(320);
            pictures.add(pixels.getRGB(0, 0) + ":" + pixels.getRGB(160, pixels.getHeight() / 2) + ":" + pixels.getHeight());
        }
        // a new template every 10 photos (a burst may run on past it): 45 photos are at least 4 pictures
        assertThat(pictures.size()).isGreaterThanOrEqualTo(45 / (LoadPhotos.TEMPLATE_USES + 4));
    }

    @Test
    void theSameParametersWriteTheSameBytesAndTheCacheReusesThem() throws Exception {
        LoadPhotos photos = new LoadPhotos(30, 2, null, 9L);
        LoadPhotos.Written cached = photos.cachedIn(dir.resolve("cache"));
        Path first = photos(cached.folder()).get(0);
        FileTime written = Files.getLastModifiedTime(first);
        LoadPhotos.Written again = photos.writeTo(dir.resolve("again"));

        assertThat(photos.cachedIn(dir.resolve("cache"))).isEqualTo(cached);
        assertThat(Files.getLastModifiedTime(first)).isEqualTo(written);
        List<Path> fromCache = photos(cached.folder());
        List<Path> fresh = photos(again.folder());
        for (int i = 0; i < fromCache.size(); i++) {
            assertThat(fresh.get(i)).hasSameBinaryContentAs(fromCache.get(i));
        }
        assertThat(new LoadPhotos(30, 2, null, 10L).key()).isNotEqualTo(photos.key());
        assertThat(Files.exists(dir.resolve("cache").resolve(photos.key() + ".partial"))).isFalse();
    }

    private static List<Path> photos(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return new ArrayList<>(files.filter(Files::isRegularFile).sorted().toList());
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
