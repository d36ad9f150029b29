package dk.munin.contract.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalFileStoreTest {

    private final LocalFileStore store = new LocalFileStore();

    @Test
    void replacesAnOldFileWithoutLeavingTemporaryFiles(@TempDir Path temp) throws Exception {
        Location target = Location.of(temp.resolve("out/stage1/detections.json"));

        store.write(target, bytes("old"));
        store.write(target, bytes("new"));

        assertThat(store.read(target)).isEqualTo(bytes("new"));
        try (Stream<Path> files = Files.list(temp.resolve("out/stage1"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("detections.json");
        }
    }

    @Test
    void everyFileWrittenGetsThePermissionsTheUmaskGivesANewFile(@TempDir Path temp) throws Exception {
        Path reference = Files.createFile(temp.resolve("created-as-any-file"));
        Path local = Files.writeString(Files.createTempFile(temp, "upload", ".tmp"), "made elsewhere, 0600");
        store.write(Location.of(temp.resolve("out/run_report.json")), "{}".getBytes(StandardCharsets.UTF_8));
        store.upload(Location.of(temp.resolve("out/clusters.parquet")), local);

        Set<PosixFilePermission> umasked = Files.getPosixFilePermissions(reference);
        assertThat(Files.getPosixFilePermissions(temp.resolve("out/run_report.json"))).isEqualTo(umasked);
        assertThat(Files.getPosixFilePermissions(temp.resolve("out/clusters.parquet"))).isEqualTo(umasked);
        assertThat(Files.getPosixFilePermissions(local)).as("the upload's source keeps its own").isNotEqualTo(umasked);
    }

    @Test
    void ofWritersRacingToCreateOneFileExactlyOneWinsAndItsContentIsWhole(@TempDir Path temp) throws Exception {
        Location lease = Location.of(temp.resolve("_work/s1/lease/lease-00000001.json"));
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> created = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            byte[] content = bytes("writer " + i + " ".repeat(10_000));
            created.add(pool.submit(() -> {
                start.await();
                return store.createIfAbsent(lease, content);
            }));
        }
        start.countDown();
        int winners = 0;
        for (Future<Boolean> each : created) {
            winners += each.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(winners).isEqualTo(1);
        assertThat(new String(store.read(lease), StandardCharsets.UTF_8)).matches("writer \\d +").hasSize(10_008);
        try (Stream<Path> files = Files.list(lease.path().getParent())) {
            assertThat(files).containsExactly(lease.path());
        }
        store.delete(lease);
        store.delete(lease);
        assertThat(store.exists(lease)).isFalse();
    }

    @Test
    void aMissingFileOrFolderIsNotFound(@TempDir Path temp) {
        assertThatThrownBy(() -> store.read(Location.of(temp.resolve("absent.jpg")))).isInstanceOf(ObjectNotFound.class);
        assertThatThrownBy(() -> store.open(Location.of(temp.resolve("absent.onnx")))).isInstanceOf(ObjectNotFound.class);
        assertThatThrownBy(() -> store.walk(Location.of(temp.resolve("no-folder")))).isInstanceOf(ObjectNotFound.class);
    }

    @Test
    void deletesAFolderTreeAndRemovesOnlyEmptyFolders(@TempDir Path temp) throws Exception {
        store.write(Location.of(temp.resolve("checkpoints/all/run1/part-1.json")), bytes("{}"));
        store.write(Location.of(temp.resolve("checkpoints/other/part-1.json")), bytes("{}"));

        store.deleteAll(Location.of(temp.resolve("checkpoints/all/run1")));
        store.removeIfEmpty(Location.of(temp.resolve("checkpoints/all")));
        store.removeIfEmpty(Location.of(temp.resolve("checkpoints")));
        store.deleteAll(Location.of(temp.resolve("never-there")));

        assertThat(temp.resolve("checkpoints/all")).doesNotExist();
        assertThat(temp.resolve("checkpoints/other/part-1.json")).exists();
    }

    @Test
    void removesTheTemporaryFilesOfKilledWritesAndNothingElse(@TempDir Path temp) throws Exception {
        Path out = temp.resolve("out");
        Files.createDirectories(out.resolve("_work/s1/lease"));
        Files.createDirectories(out.resolve("stage0"));
        Files.writeString(out.resolve(".clusters.parquet.3g00m0tuobivw.partial"), "half");
        Files.writeString(out.resolve("stage0/.images.jsonl.15dnh3pqtvfv1.partial"), "half");
        Files.writeString(out.resolve("_work/s1/lease/.lease-00000002.json.abc.partial"), "a rival creating its lease");
        Files.writeString(out.resolve("clusters.parquet"), "whole");
        Files.writeString(out.resolve(".hidden-by-the-user"), "theirs");
        Files.writeString(out.resolve("notes.partial"), "theirs too: not hidden");
        Files.writeString(temp.resolve(".elsewhere.partial"), "outside the folder");
        Files.createSymbolicLink(out.resolve("link"), temp);

        int removed = store.removeUnfinishedWrites(Location.parse(out.toString()).asFolder(), Location.parse(out.resolve("_work/s1/lease").toString()).asFolder());

        assertThat(removed).isEqualTo(2);
        try (Stream<Path> left = Files.walk(temp)) {
            assertThat(left.filter(Files::isRegularFile).map(path -> temp.relativize(path).toString())).containsExactlyInAnyOrder(
                    "out/_work/s1/lease/.lease-00000002.json.abc.partial", "out/clusters.parquet", "out/.hidden-by-the-user",
                    "out/notes.partial", ".elsewhere.partial");
        }
        assertThat(store.removeUnfinishedWrites(Location.parse(temp.resolve("absent").toString()).asFolder(), Location.parse(out.toString()))).isZero();
    }

    @Test
    void opensAStream(@TempDir Path temp) throws Exception {
        Location model = Location.of(temp.resolve("model.onnx"));
        store.write(model, bytes("weights"));

        try (InputStream in = store.open(model)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes("weights"));
        }
    }

    @Test
    void aLocalRunNeverBuildsAnS3Client(@TempDir Path temp) {
        Storage storage = Storage.withS3(() -> {
            throw new AssertionError("a local run must not build an S3 client");
        });
        Location file = Location.of(temp.resolve("a.json"));

        storage.write(file, bytes("{}"));

        assertThat(storage.read(file)).isEqualTo(bytes("{}"));
        storage.close();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
