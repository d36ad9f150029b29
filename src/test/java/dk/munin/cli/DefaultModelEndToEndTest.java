package dk.munin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.contract.testing.ReleaseServer;
import dk.munin.contract.testing.TinyOnnxModel;
import dk.munin.state.Json;
import dk.munin.testing.TestPhotos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Properties;

import static dk.munin.contract.testing.Checksums.md5;
import static dk.munin.contract.testing.Checksums.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * `make run` without MODEL, as a new user meets it: the default model is downloaded on first use
 * with its progress on the console, pinned, then used from the model cache, fetched again when
 * the cached copy changed, and refused, or missed offline, before any state runs. The release is
 * a loopback server (munin.detect.default-model.url and .md5 point at it) serving a tiny graph
 * with MegaDetectorLite's interface, and the real detector jar runs it with the default model's
 * settings from application.properties (yolo-nms, megadetector classes, input 1280).
 */
class DefaultModelEndToEndTest {

    private static final Path DETECTOR_JAR = Path.of("detector", "target", "munin-detector.jar");
    private static final String RELEASE = "/timmh/MegaDetectorLite/releases/download/v0.2/md_v5a.0.0.onnx";

    @TempDir
    Path dir;
    /** About a megabyte, so the download reports its tenths. */
    private final byte[] model = TinyOnnxModel.megaDetectorLiteWithOneAnimal(0.9f, 1280).paddedBy(1_000_000).bytes();
    private final ReleaseServer release = ReleaseServer.serving(RELEASE, model);
    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;
    private Path photos;

    @BeforeEach
    void photos() throws IOException {
        assumeTrue(Files.isReadable(DETECTOR_JAR),
                "Skipped: needs the detector jar at " + DETECTOR_JAR.toAbsolutePath() + " (`make test` and `make build` build it first)");
        photos = dir.resolve("photos");
        TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 21, 0)).writeTo(photos.resolve("StationA/IMG_0001.JPG"));
        TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 23, 0)).writeTo(photos.resolve("StationA/IMG_0002.JPG"));
    }

    @AfterEach
    void stopRelease() {
        release.close();
    }

    @Test
    void theFirstRunDownloadsAndPinsTheDefaultModelLaterRunsUseItAndAChangedCopyIsFetchedAgain() throws IOException {
        int first = munin(release.url(), md5(model), "first");

        assertThat(first).as(err()).isZero();
        assertThat(out()).contains("No model given (MODEL=): downloading the default detector model, "
                        + "MegaDetector v5a (MegaDetectorLite v0.2 ONNX export), from " + release.url())
                .contains("  md_v5a.0.0.onnx: 0.1 of 1.0 MB (1", "  md_v5a.0.0.onnx: 1.0 of 1.0 MB (100%)")
                .contains("✓ MD5 " + md5(model) + " is the published one; SHA-256 " + sha256(model) + " pinned in")
                .contains("✓ Success");
        assertThat(out().indexOf("pinned in")).as("all before the first state").isLessThan(out().indexOf("→ GuardBudget"));
        JsonNode detections = Json.parse(Files.readAllBytes(dir.resolve("first/stage1/detections.json")));
        assertThat(detections.at("/info/detector").asText()).isEqualTo("md_v5a.0.0.onnx");
        assertThat(detections.at("/info/detector_metadata/model_sha256").asText()).isEqualTo(sha256(model));
        assertThat(detections.at("/info/detector_metadata/model_layout").asText()).isEqualTo("yolo-nms");
        assertThat(detections.at("/info/detector_metadata/class_vocabulary").asText()).isEqualTo("megadetector");
        assertThat(detections.at("/info/detector_metadata/image_size").asInt()).isEqualTo(1280);
        assertThat(detections.get("images")).hasSize(2).allSatisfy(image -> {
            assertThat(image.at("/detections/0/category").asText()).as("animal").isEqualTo("1");
            assertThat(image.at("/detections/0/conf").asDouble()).isEqualTo(0.9);
        });

        int second = munin(release.url(), md5(model), "second");

        assertThat(second).as(err()).isZero();
        assertThat(release.downloads()).as("the second run downloads nothing").isEqualTo(1);
        assertThat(out()).contains("Detector model: the default, MegaDetector v5a (MegaDetectorLite v0.2 ONNX export), "
                + "from the model cache").doesNotContain("downloading");

        Path cached = cache().resolve(sha256(model)).resolve("md_v5a.0.0.onnx");
        byte[] changed = model.clone();
        changed[changed.length - 1] = 'x';
        Files.write(cached, changed);
        int third = munin(release.url(), md5(model), "third");

        assertThat(third).as(err()).isZero();
        assertThat(out()).contains("✗ The cached default model " + cached + " has SHA-256 " + sha256(changed)
                + ", not the pinned " + sha256(model)).contains("downloading it again").contains("is the pinned one");
        assertThat(release.downloads()).isEqualTo(2);
        assertThat(cached).hasBinaryContent(model);
    }

    @Test
    void aDownloadWithAnotherMd5IsRefusedBeforeAnyStateNamingBothSums() {
        String published = "c2c93e4ed7e297eb650562df74341a25";

        int exit = munin(release.url(), published, "wrong-md5");

        assertThat(exit).isEqualTo(2);
        assertThat(err()).contains("✗ The default detector model downloaded from " + release.url() + " has MD5 " + md5(model)
                + ", but munin.detect.default-model.md5 is " + published).contains("not kept");
        assertThat(out()).doesNotContain("GuardBudget");
        assertThat(dir.resolve("wrong-md5")).doesNotExist();
        assertThat(cache().resolve(sha256(model))).doesNotExist();
    }

    @Test
    void offlineTheRunStopsBeforeAnyStateSayingWhatItTriedAndHowToGiveAModel() {
        String offline = ReleaseServer.unreachableUrl(RELEASE);

        int exit = munin(offline, md5(model), "offline");

        assertThat(exit).isEqualTo(2);
        assertThat(err()).contains("✗ No model was given (MODEL=), and the default detector model, MegaDetector v5a "
                        + "(MegaDetectorLite v0.2 ONNX export), is not in the model cache " + cache())
                .contains("could not be downloaded from " + offline + ": Connection refused")
                .contains("make run MODEL=path/to/model.onnx")
                .contains("../shared/data/models/fastestdet/FastestDet.onnx");
        assertThat(out()).doesNotContain("GuardBudget");
        assertThat(dir.resolve("offline")).doesNotExist();
    }

    @Test
    void withTheDefaultTurnedOffARunWithoutAModelSaysHowToGiveOne() {
        int exit = munin("", md5(model), "no-default");

        assertThat(exit).as("no model is bad input").isEqualTo(2);
        assertThat(err()).contains("No detector model is configured").contains("MODEL=");
        assertThat(out()).doesNotContain("GuardBudget");
        assertThat(release.downloads()).isZero();
    }

    /** `munin run` without --model, the default model's URL and MD5 set to these, the results in {@code output}. */
    private int munin(String url, String md5, String output) {
        Properties overrides = new Properties();
        overrides.setProperty("munin.weather.providers", "none");
        overrides.setProperty("munin.detect.default-model.url", url);
        overrides.setProperty("munin.detect.default-model.md5", md5);
        overrides.setProperty("munin.detect.model-cache", cache().toString());
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        try (PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            return new MuninCli(stdout, stderr, Clock.systemUTC(), overrides).execute(new String[] {"run",
                    "--input", photos.toString(), "--output", dir.resolve(output).toString(), "--budget-dkk", "5"});
        }
    }

    private Path cache() {
        return dir.resolve("model-cache");
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
