package dk.munin.contract.storage;

import dk.munin.contract.testing.EmbeddedS3;
import dk.munin.contract.testing.LiteralKeysBlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * S3 keys that are not paths, through the real SDK client: S3 lists {@code raw/a/../../x.jpg} as
 * it is, the store names it literally, and only turning its part below the prefix into a
 * location (Location.resolve) is refused.
 */
class S3EscapingKeysTest {

    private static final List<String> KEYS = List.of("raw/StationA/../../x.jpg", "raw//x.jpg", "raw/StationA//x.jpg",
            "raw/StationA/./x.jpg", "raw/StationA\\..\\..\\x.jpg", "raw/s3://other-bucket/x.jpg", "raw/StationA/IMG_0001.JPG");

    private static EmbeddedS3 s3;
    private static S3ObjectStore store;

    @BeforeAll
    static void start() throws Exception {
        s3 = EmbeddedS3.start(LiteralKeysBlobStore::new, "photos");
        store = new S3ObjectStore(s3::client);
        for (String key : KEYS) {
            s3.blobs().putBlob(PutObjectRequest.builder().bucket("photos").key(key).build(),
                    new ByteArrayInputStream(key.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        store.close();
        s3.close();
    }

    @Test
    void aListingNamesEachKeyAsS3KeepsItAndOnlyTheOrdinaryOneResolvesBelowThePrefix() {
        Location raw = Location.parse("s3://photos/raw/");

        List<Location> listed = store.list(raw).stream().map(StoredObject::location).toList();

        assertThat(listed).extracting(Location::key).containsExactlyInAnyOrderElementsOf(KEYS);
        for (Location object : listed) {
            String below = raw.relativize(object);
            if (object.key().equals("raw/StationA/IMG_0001.JPG")) {
                assertThat(raw.resolve(below)).isEqualTo(object);
            } else {
                assertThat(KeyRule.problem(below)).as(below).isPresent();
                assertThatThrownBy(() -> raw.resolve(below)).isInstanceOf(UnsafeKey.class).hasMessageContaining(KeyRule.printable(below));
            }
        }
        assertThat(store.read(listed.get(listed.size() - 1))).as("the listed location reads that very object")
                .isEqualTo(listed.get(listed.size() - 1).key().getBytes(StandardCharsets.UTF_8));
    }
}
