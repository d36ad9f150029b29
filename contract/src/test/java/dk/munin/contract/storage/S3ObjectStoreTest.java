package dk.munin.contract.storage;

import dk.munin.contract.testing.EmbeddedS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** S3ObjectStore through the real AWS SDK client against an embedded S3 server. */
class S3ObjectStoreTest {

    private static EmbeddedS3 s3;
    private static S3ObjectStore store;

    @BeforeAll
    static void start() throws Exception {
        s3 = EmbeddedS3.start("photos");
        store = new S3ObjectStore(s3::client);
    }

    @AfterAll
    static void stop() throws Exception {
        store.close();
        s3.close();
    }

    @Test
    void writesReadsAndListsBelowAPrefixInKeyOrder() {
        store.write(Location.parse("s3://photos/raw/cam02/IMG_0002.JPG"), bytes("two"));
        store.write(Location.parse("s3://photos/raw/cam01/IMG 0001 ø.JPG"), bytes("one"));
        store.write(Location.parse("s3://photos/other/IMG_0003.JPG"), bytes("three"));

        List<StoredObject> listed = store.list(Location.parse("s3://photos/raw"));

        assertThat(listed).extracting(o -> o.location().uri())
                .containsExactly("s3://photos/raw/cam01/IMG 0001 ø.JPG", "s3://photos/raw/cam02/IMG_0002.JPG");
        assertThat(listed.get(0).size()).isEqualTo(3);
        assertThat(store.read(Location.parse("s3://photos/raw/cam02/IMG_0002.JPG"))).isEqualTo(bytes("two"));
    }

    @Test
    void listsPastOnePageOfAThousandKeys() {
        for (int i = 0; i < 1005; i++) {
            // straight into the server's store: the listing, not 1005 uploads, is under test
            s3.blobs().putBlob(PutObjectRequest.builder().bucket("photos").key(String.format("many/IMG_%04d.JPG", i)).build(),
                    new ByteArrayInputStream(bytes("x")));
        }

        List<StoredObject> listed = store.list(Location.parse("s3://photos/many/"));

        assertThat(listed).hasSize(1005);
        assertThat(listed.get(1004).location().key()).isEqualTo("many/IMG_1004.JPG");
    }

    @Test
    void readsARangeAndStopsAtTheEndOfShortObjects() {
        Location object = Location.parse("s3://photos/range/a.bin");
        store.write(object, bytes("0123456789"));

        assertThat(store.readRange(object, 2, 4)).isEqualTo(bytes("2345"));
        assertThat(store.readRange(object, 8, 100)).isEqualTo(bytes("89"));
        assertThat(store.readRange(object, 10, 5)).isEmpty();
    }

    @Test
    void readsTheLinesOfAnEmptyAndOfAMultiChunkObject() {
        Location empty = Location.parse("s3://photos/lines/empty.jsonl");
        Location lines = Location.parse("s3://photos/lines/three.jsonl");
        store.write(empty, new byte[0]);
        store.write(lines, bytes("first\nsecond\nthird\n"));
        List<String> read = new java.util.ArrayList<>();

        new StoredLines(store).read(empty, read::add);
        new StoredLines(store, 4).read(lines, read::add);

        assertThat(read).containsExactly("first", "second", "third");
    }

    @Test
    void uploadsAFileAndTellsWhatExists(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("report.json"), "{}");
        Location target = Location.parse("s3://photos/out/run_report.json");

        store.upload(target, file);

        assertThat(store.exists(target)).isTrue();
        assertThat(store.exists(Location.parse("s3://photos/out/missing.json"))).isFalse();
        assertThat(store.read(target)).isEqualTo(bytes("{}"));
    }

    @Test
    void aMissingObjectIsNotFound() {
        assertThatThrownBy(() -> store.read(Location.parse("s3://photos/nope.jpg"))).isInstanceOf(ObjectNotFound.class);
        assertThatThrownBy(() -> store.open(Location.parse("s3://photos/nope.jpg"))).isInstanceOf(ObjectNotFound.class);
    }

    @Test
    void aMissingBucketIsRefusedNamingTheLocation() {
        assertThatThrownBy(() -> store.list(Location.parse("s3://no-such-bucket/raw/")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("s3://no-such-bucket/raw/");
    }

    @Test
    void opensAStreamAndDeletesEverythingBelowAPrefix() throws Exception {
        store.write(Location.parse("s3://photos/checkpoints/all/run/part-1.json"), bytes("{\"a\":1}"));
        store.write(Location.parse("s3://photos/checkpoints/all/run/part-2.json"), bytes("{}"));
        store.write(Location.parse("s3://photos/checkpoints/keep.json"), bytes("{}"));

        try (var in = store.open(Location.parse("s3://photos/checkpoints/all/run/part-1.json"))) {
            assertThat(in.readAllBytes()).isEqualTo(bytes("{\"a\":1}"));
        }
        store.deleteAll(Location.parse("s3://photos/checkpoints/all/"));

        assertThat(store.list(Location.parse("s3://photos/checkpoints/"))).extracting(o -> o.location().key())
                .containsExactly("checkpoints/keep.json");
    }

    @Test
    void createsAnObjectOnlyWhereNoneIsAndDeletesOne() {
        Location lease = Location.parse("s3://photos/_work/s1/lease/lease-00000001.json");

        assertThat(store.createIfAbsent(lease, bytes("first"))).isTrue();
        assertThat(store.createIfAbsent(lease, bytes("second"))).isFalse();
        assertThat(store.read(lease)).isEqualTo(bytes("first"));

        store.delete(lease);
        store.delete(lease);
        assertThat(store.exists(lease)).isFalse();
        assertThat(store.createIfAbsent(lease, bytes("third"))).isTrue();
    }

    @Test
    void writesJsonAsJsonForTheS3Console() {
        store.write(Location.parse("s3://photos/types/detections.json"), bytes("{}"));

        assertThat(s3.blobs().blobMetadata("photos", "types/detections.json").contentType()).isEqualTo("application/json");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
