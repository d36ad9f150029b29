package dk.munin.storage;

import dk.munin.testing.EmbeddedS3;
import org.apache.camel.CamelContext;
import org.apache.camel.component.aws2.s3.AWS2S3Component;
import org.apache.camel.impl.DefaultCamelContext;
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

/** S3ObjectStore through the real camel-aws2-s3 client against an embedded S3 server. */
class S3ObjectStoreTest {

    private static EmbeddedS3 s3;
    private static CamelContext camel;
    private static S3ObjectStore store;

    @BeforeAll
    static void start() throws Exception {
        s3 = EmbeddedS3.start("photos");
        camel = new DefaultCamelContext();
        AWS2S3Component component = new AWS2S3Component();
        component.getConfiguration().setOverrideEndpoint(true);
        component.getConfiguration().setUriEndpointOverride(s3.endpoint());
        component.getConfiguration().setForcePathStyle(true);
        component.getConfiguration().setRegion(EmbeddedS3.REGION);
        component.getConfiguration().setAccessKey(EmbeddedS3.ACCESS_KEY);
        component.getConfiguration().setSecretKey(EmbeddedS3.SECRET_KEY);
        camel.addComponent("aws2-s3", component);
        camel.start();
        store = new S3ObjectStore(camel.createProducerTemplate());
    }

    @AfterAll
    static void stop() throws Exception {
        camel.stop();
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
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
