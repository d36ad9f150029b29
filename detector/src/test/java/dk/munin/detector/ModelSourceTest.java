package dk.munin.detector;

import dk.munin.contract.storage.Storage;
import dk.munin.contract.testing.ReleaseServer;
import dk.munin.contract.testing.TinyOnnxModel;
import dk.munin.detector.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Model acquisition against a real HTTP server on loopback (the JDK's), serving a model the
 * way a release page does: a redirect to the file ({@link ReleaseServer}). Never the internet.
 */
class ModelSourceTest {

    private static final String RELEASE_PATH = "/timmh/MegaDetectorLite/releases/download/v0.2/md_v5a.0.0.onnx";

    @TempDir
    Path temp;
    /** A cached model is damaged on purpose: the warning about it is asserted here, not printed. */
    @RegisterExtension
    final LogCapture log = new LogCapture();

    private ReleaseServer release;
    private byte[] model;
    private String modelSha256;
    private Path cache;
    private final Storage storage = Storage.withS3(() -> {
        throw new AssertionError("no S3 in these tests");
    });

    @BeforeEach
    void serveAModel() {
        model = TinyOnnxModel.yoloV5(64, 3, new float[] {32, 32, 10, 10, 0.9f, 0.9f, 0f, 0f}).bytes();
        modelSha256 = ModelSource.sha256(model);
        cache = temp.resolve("cache");
        release = ReleaseServer.serving(RELEASE_PATH, model);
    }

    @AfterEach
    void stop() {
        release.close();
    }

    private ModelSource.ResolvedModel resolve(String location, String sha256) {
        return new ModelSource(storage, cache).resolve(location, sha256);
    }

    @Test
    void downloadsThroughTheRedirectVerifiesAndCachesUnderTheChecksumKeepingTheName() throws IOException {
        ModelSource.ResolvedModel resolved = resolve(release.url(), modelSha256);

        assertEquals(cache.resolve(modelSha256).resolve("md_v5a.0.0.onnx"), resolved.file());
        assertEquals("md_v5a.0.0.onnx", resolved.name());
        assertEquals(modelSha256, resolved.sha256());
        assertArrayEquals(model, Files.readAllBytes(resolved.file()));
        assertEquals(List.of(modelSha256 + "/md_v5a.0.0.onnx"), filesIn(cache), "no temporary file left behind");
    }

    @Test
    void aSecondRunUsesTheCacheWithoutDownloading() {
        resolve(release.url(), modelSha256);
        resolve(release.url(), modelSha256);

        assertEquals(1, release.downloads());
    }

    @Test
    void aDamagedCachedFileIsDownloadedAgain() throws IOException {
        Path cached = resolve(release.url(), modelSha256).file();
        Files.write(cached, new byte[] {1, 2, 3});

        resolve(release.url(), modelSha256);

        assertEquals(2, release.downloads());
        assertArrayEquals(model, Files.readAllBytes(cached));
        assertEquals(List.of("ModelSource - cached model " + cached + " does not match its checksum any more; downloading it again"),
                log.warnings());
    }

    @Test
    void aWrongChecksumFailsWithBothSumsAndLeavesNothingInTheCache() throws IOException {
        String expected = "0".repeat(64);

        DetectorFailure failure = assertThrows(DetectorFailure.class, () -> resolve(release.url(), expected));

        assertEquals(DetectorFailure.BAD_SETTINGS, failure.exitCode());
        assertTrue(failure.getMessage().contains("has SHA-256 " + modelSha256), failure.getMessage());
        assertTrue(failure.getMessage().contains("DETECTOR_MODEL_SHA256 is " + expected), failure.getMessage());
        assertEquals(List.of(), filesIn(cache));
    }

    @Test
    void aUrlWithoutAChecksumIsRefused() {
        DetectorFailure failure = assertThrows(DetectorFailure.class, () -> resolve(release.url(), null));

        assertEquals(DetectorFailure.BAD_SETTINGS, failure.exitCode());
        assertTrue(failure.getMessage().contains("DETECTOR_MODEL_SHA256 must be set"), failure.getMessage());
        assertEquals(0, release.downloads());
    }

    @Test
    void aMissingFileIsASettingsErrorAndAServerErrorMayPass() {
        DetectorFailure missing = assertThrows(DetectorFailure.class, () -> resolve(release.missingUrl(), modelSha256));
        DetectorFailure unavailable = assertThrows(DetectorFailure.class, () -> resolve(release.unavailableUrl(), modelSha256));

        assertEquals(DetectorFailure.BAD_SETTINGS, missing.exitCode());
        assertTrue(missing.getMessage().contains("HTTP 404"), missing.getMessage());
        assertEquals(DetectorFailure.CANNOT_PROCEED, unavailable.exitCode());
        assertTrue(unavailable.getMessage().contains("HTTP 503"), unavailable.getMessage());
    }

    @Test
    void aLocalModelIsHashedAndCheckedWhenAChecksumIsGiven() throws IOException {
        Path local = Files.write(Files.createDirectories(temp.resolve("models")).resolve("tiny.onnx").toAbsolutePath(), model);

        ModelSource.ResolvedModel resolved = resolve(local.toString(), null);
        assertEquals(local, resolved.file());
        assertEquals(modelSha256, resolved.sha256());
        assertEquals("tiny.onnx", resolve("file:" + local, modelSha256).name());

        DetectorFailure failure = assertThrows(DetectorFailure.class, () -> resolve(local.toString(), "f".repeat(64)));
        assertEquals(DetectorFailure.BAD_SETTINGS, failure.exitCode());
        assertTrue(failure.getMessage().contains(modelSha256) && failure.getMessage().contains("f".repeat(64)), failure.getMessage());
        assertFalse(Files.exists(cache), "a local model is used where it is");
    }

    @Test
    void aMissingLocalModelIsASettingsErrorThatSaysWhatToSet() {
        DetectorFailure failure = assertThrows(DetectorFailure.class, () -> resolve(temp.resolve("absent.onnx").toString(), null));

        assertEquals(DetectorFailure.BAD_SETTINGS, failure.exitCode());
        assertTrue(failure.getMessage().startsWith("DETECTOR_MODEL=" + temp.resolve("absent.onnx") + " is not usable: it is not a readable file"),
                failure.getMessage());
    }

    private static List<String> filesIn(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(file -> folder.relativize(file).toString()).sorted().toList();
        }
    }
}
