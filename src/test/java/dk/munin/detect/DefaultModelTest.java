package dk.munin.detect;

import dk.munin.contract.settings.Settings;
import dk.munin.contract.testing.ReleaseServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;

import static dk.munin.contract.testing.Checksums.md5;
import static dk.munin.contract.testing.Checksums.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The default model's download, pin and checks against a release served on loopback
 * ({@link ReleaseServer}); `munin run` with the real detector is in DefaultModelEndToEndTest.
 * The file's content does not matter here: nothing loads it.
 */
class DefaultModelTest {

    private static final String RELEASE = "/timmh/MegaDetectorLite/releases/download/v0.2/md_v5a.0.0.onnx";
    /** A million bytes: a download of 16 reads or more, each at most 64 KiB, so each tenth gets its line. */
    private static final byte[] MODEL = bytes(1_000_000, 7);

    @TempDir
    Path dir;
    private final ReleaseServer release = ReleaseServer.serving(RELEASE, MODEL);
    private final List<String> progress = new ArrayList<>();

    @AfterEach
    void stop() {
        release.close();
    }

    @Test
    void applicationPropertiesNameMegaDetectorV5aFromMegaDetectorLiteAndPinOnFirstDownload() throws IOException {
        Properties file = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("application.properties"))) {
            file.load(in);
        }
        DetectSettings detect = DetectSettings.from(Settings.layered(List.of(file), new Properties(), Map.of()));

        assertThat(detect.model().isConfigured()).isFalse();
        assertThat(detect.defaultModel().url()).as("the release asset").isEqualTo("https://github.com" + RELEASE);
        assertThat(detect.defaultModel().md5()).isEqualTo("c2c93e4ed7e297eb650562df74341a25");
        assertThat(detect.defaultModel().sha256()).as("pinned on the first verified download").isEmpty();
        assertThat(detect.defaultModel().detectorSettings()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "DETECTOR_LAYOUT", "yolo-nms", "DETECTOR_CLASSES", "megadetector", "DETECTOR_INPUT_SIZE", "1280"));
    }

    @Test
    void theFirstUseDownloadsWithProgressVerifiesTheMd5AndPinsTheSha256() throws IOException {
        DetectorModel model = defaultModel(md5(MODEL), "").obtain(progress::add);

        Path cached = cache().resolve(sha256(MODEL)).resolve("md_v5a.0.0.onnx");
        assertThat(model.location()).isEqualTo(cached.toString());
        assertThat(cached).hasBinaryContent(MODEL);
        assertThat(model.environment()).containsEntry("DETECTOR_MODEL", cached.toString())
                .containsEntry("DETECTOR_MODEL_SHA256", sha256(MODEL)).containsEntry("DETECTOR_LAYOUT", "yolo-nms");
        assertThat(progress.get(0)).contains("downloading the default detector model, Test model, from " + release.url());
        List<String> meter = progress.stream()
                .filter(line -> line.matches("  md_v5a\\.0\\.0\\.onnx: \\d\\.\\d of 1\\.0 MB \\(\\d+%\\)")).toList();
        assertThat(meter).as("a line per tenth: no read of 64 KiB passes two").hasSize(10)
                .last().isEqualTo("  md_v5a.0.0.onnx: 1.0 of 1.0 MB (100%)");
        assertThat(progress.get(progress.size() - 1)).contains("MD5 " + md5(MODEL) + " is the published one")
                .contains("SHA-256 " + sha256(MODEL) + " pinned in " + pinFile());
        assertThat(Files.readString(pinFile())).contains("sha256=" + sha256(MODEL)).contains("url=" + release.url());
        assertThat(filesIn(cache())).as("no temporary file left")
                .containsExactlyInAnyOrder(sha256(MODEL) + "/md_v5a.0.0.onnx", "pins/" + md5(MODEL) + ".properties");
    }

    @Test
    void laterUsesTakeTheCachedFileEvenOffline() {
        defaultModel(md5(MODEL), "").obtain(progress::add);
        release.close();
        progress.clear();

        DetectorModel model = defaultModel(md5(MODEL), "").obtain(progress::add);

        assertThat(release.downloads()).isEqualTo(1);
        assertThat(model.sha256()).isEqualTo(sha256(MODEL));
        assertThat(progress).singleElement().asString().contains("from the model cache").contains("as pinned");
    }

    @Test
    void aDownloadWithAnotherMd5IsRefusedNamingBothSumsAndNothingIsKept() throws IOException {
        String published = "0123456789abcdef0123456789abcdef";

        assertThatThrownBy(() -> defaultModel(published, "").obtain(progress::add))
                .isInstanceOf(DetectorNotConfigured.class)
                .hasMessageContaining("has MD5 " + md5(MODEL) + ", but munin.detect.default-model.md5 is " + published)
                .hasMessageContaining("MODEL=");
        assertThat(filesIn(cache())).isEmpty();
    }

    @Test
    void aCachedFileChangedAfterItWasPinnedIsNeverUsedButFetchedAgain() throws IOException {
        Path cached = Path.of(defaultModel(md5(MODEL), "").obtain(progress::add).location());
        Files.write(cached, bytes(1000, 8));
        progress.clear();

        DetectorModel model = defaultModel(md5(MODEL), "").obtain(progress::add);

        assertThat(progress.get(0)).contains("The cached default model " + cached + " has SHA-256 " + sha256(bytes(1000, 8))
                + ", not the pinned " + sha256(MODEL)).contains("not used");
        assertThat(release.downloads()).isEqualTo(2);
        assertThat(Path.of(model.location())).hasBinaryContent(MODEL);
    }

    @Test
    void aDownloadThatDoesNotMatchThePinIsRefusedEvenWhenItsMd5Matches() throws IOException {
        defaultModel(md5(MODEL), "").obtain(progress::add);
        Files.delete(cache().resolve(sha256(MODEL)).resolve("md_v5a.0.0.onnx"));
        // what a file made to collide with the published MD5 would meet: the same MD5 pinned to another SHA-256
        String otherSha256 = "ab".repeat(32);
        Files.writeString(pinFile(), Files.readString(pinFile()).replace(sha256(MODEL), otherSha256));

        assertThatThrownBy(() -> defaultModel(md5(MODEL), "").obtain(progress::add))
                .isInstanceOf(DetectorNotConfigured.class)
                .hasMessageContaining("has SHA-256 " + sha256(MODEL) + ", but the SHA-256 pinned on its first verified download ("
                        + pinFile() + ") is " + otherSha256)
                .hasMessageContaining("delete " + pinFile());
        assertThat(filesIn(cache())).containsExactly("pins/" + md5(MODEL) + ".properties");
    }

    @Test
    void aConfiguredSha256IsThePinAndNoPinFileIsWritten() throws IOException {
        DetectorModel model = defaultModel(md5(MODEL), sha256(MODEL)).obtain(progress::add);
        assertThat(model.sha256()).isEqualTo(sha256(MODEL));
        assertThat(filesIn(cache())).containsExactly(sha256(MODEL) + "/md_v5a.0.0.onnx");

        release.serve(bytes(1_000_000, 9));
        Files.delete(Path.of(model.location()));
        assertThatThrownBy(() -> defaultModel("", sha256(MODEL)).obtain(progress::add))
                .hasMessageContaining("has SHA-256 " + sha256(bytes(1_000_000, 9)) + ", but munin.detect.default-model.sha256 is "
                        + sha256(MODEL));
    }

    @Test
    void anUnreachableServerSaysWhatItTriedAndHowToGiveAModelInstead() throws IOException {
        String offline = ReleaseServer.unreachableUrl(RELEASE);

        assertThatThrownBy(() -> new DefaultModel(settings(offline, md5(MODEL), ""), cache()).obtain(progress::add))
                .isInstanceOf(DetectorNotConfigured.class)
                .hasMessageContaining("the default detector model, Test model, is not in the model cache " + cache())
                .hasMessageContaining("could not be downloaded from " + offline + ": Connection refused")
                .hasMessageContaining("make run MODEL=path/to/model.onnx")
                .hasMessageContaining("../shared/data/models/fastestdet/FastestDet.onnx");
        assertThat(filesIn(cache())).isEmpty();
    }

    @Test
    void aMissingFileIsTheHttpStatus() {
        assertThatThrownBy(() -> new DefaultModel(settings(release.missingUrl(), md5(MODEL), ""), cache()).obtain(progress::add))
                .isInstanceOf(DetectorNotConfigured.class)
                .hasMessageContaining("could not be downloaded from " + release.missingUrl() + ": HTTP 404");
    }

    @Test
    void settingsThatCannotWorkAreRefusedBeforeAnyDownload() {
        assertThatThrownBy(() -> defaultModel("", "").checkUsableLocally())
                .hasMessageContaining("munin.detect.default-model.md5 or munin.detect.default-model.sha256 must be set");
        assertThatThrownBy(() -> defaultModel("c2c93e4e", "").checkUsableLocally()).hasMessageContaining("32 hex digits");
        assertThatThrownBy(() -> new DefaultModel(settings("ftp://example.org/m.onnx", md5(MODEL), ""), cache()).checkUsableLocally())
                .hasMessageContaining("munin.detect.default-model.url must be an https:// (or http://) URL");
        assertThatThrownBy(() -> new DefaultModel(settings("", md5(MODEL), ""), cache()).checkUsableLocally())
                .as("an empty URL turns the default off").hasMessageContaining("No detector model is configured");
        assertThat(release.downloads()).isZero();
    }

    private DefaultModel defaultModel(String md5, String sha256) {
        return new DefaultModel(settings(release.url(), md5, sha256), cache());
    }

    private static DefaultModelSettings settings(String url, String md5, String sha256) {
        return new DefaultModelSettings("Test model", url, md5, sha256, Map.of("DETECTOR_LAYOUT", "yolo-nms"),
                Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    private Path cache() {
        return dir.resolve("cache");
    }

    private Path pinFile() {
        return cache().resolve("pins").resolve(md5(MODEL) + ".properties");
    }

    private static List<String> filesIn(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(file -> folder.relativize(file).toString()).sorted().toList();
        }
    }

    private static byte[] bytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
