package dk.munin.contract.storage;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocationTest {

    @Test
    void s3LocationsHaveBucketKeyAndChildren() {
        Location prefix = Location.parse("s3://bucket/raw/cam01");

        assertThat(prefix.bucket()).isEqualTo("bucket");
        assertThat(prefix.resolve("IMG_0001.JPG").uri()).isEqualTo("s3://bucket/raw/cam01/IMG_0001.JPG");
        assertThat(prefix.relativize(Location.parse("s3://bucket/raw/cam01/a/b.jpg"))).isEqualTo("a/b.jpg");
        assertThat(Location.parse("s3://bucket").asFolder().key()).isEmpty();
    }

    @Test
    void localPathsWithSpacesAndAccentsSurviveARoundTripThroughTheirUri() {
        Location folder = Location.parse("/tmp/my out/Station Ø");
        Location photo = folder.resolve("IMG 0001.JPG");

        assertThat(photo.uri()).isEqualTo("file:/tmp/my%20out/Station%20%C3%98/IMG%200001.JPG");
        assertThat(Location.parse(photo.uri())).isEqualTo(photo);
        assertThat(Location.parse("file:/tmp/my out/Station Ø/IMG 0001.JPG")).isEqualTo(photo);
        assertThat(photo.path()).isEqualTo(Path.of("/tmp/my out/Station Ø/IMG 0001.JPG"));
        assertThat(photo.name()).isEqualTo("IMG 0001.JPG");
    }

    @Test
    void aFolderKeepsItsTrailingSlashInTheUri() {
        assertThat(Location.parse("/tmp/out/").uri()).isEqualTo("file:/tmp/out/");
        assertThat(Location.parse(Location.parse("/tmp/out/").uri()).resolve("x").key()).isEqualTo("/tmp/out/x");
    }

    @Test
    void otherSchemesAreRefusedWithWhatIsAccepted() {
        assertThatThrownBy(() -> Location.parse("https://example.org/photos")).hasMessageContaining("s3://bucket/prefix");
        assertThatThrownBy(() -> Location.parse("s3:///key")).hasMessageContaining("needs a bucket");
    }

    @Test
    void relativizingSomethingOutsideTheFolderIsAnError() {
        assertThatThrownBy(() -> Location.parse("s3://a/x/").relativize(Location.parse("s3://a/y/z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fileUrisWithAnAuthorityRawOrEncodedSpacesAllNameTheSameFile() {
        Path expected = Path.of("/data/metadata_extractor/Reconyx HC500 firmware 3.3.0.jpg");

        assertThat(Location.parse("file:/data/metadata_extractor/Reconyx HC500 firmware 3.3.0.jpg").path()).isEqualTo(expected);
        assertThat(Location.parse("file:/data/metadata_extractor/Reconyx%20HC500%20firmware%203.3.0.jpg").path()).isEqualTo(expected);
        assertThat(Location.parse("file:///data/photos/a.jpg").path()).isEqualTo(Path.of("/data/photos/a.jpg"));
        assertThat(Location.parse("file://localhost/data/photos/a.jpg").path()).isEqualTo(Path.of("/data/photos/a.jpg"));
        assertThat(Location.parse("file:///data/100% done#1.jpg").path()).isEqualTo(Path.of("/data/100% done#1.jpg"));
    }

    @Test
    void aChildOfAnS3PrefixIsTheSameWithOrWithoutTheTrailingSlash() {
        assertThat(Location.parse("s3://b/out/stage1/").resolve("detections.json").key()).isEqualTo("out/stage1/detections.json");
        assertThat(Location.parse("s3://b/out/stage1").resolve("detections.json").key()).isEqualTo("out/stage1/detections.json");
        assertThat(Location.parse("s3://b").resolve("detections.json").key()).isEqualTo("detections.json");
        assertThatThrownBy(() -> Location.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
