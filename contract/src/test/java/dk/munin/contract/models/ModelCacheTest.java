package dk.munin.contract.models;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One cache folder and layout for both processes (the detector's own use of it is in DetectorSettingsTest and ModelSourceTest). */
class ModelCacheTest {

    @Test
    void aConfiguredFolderWinsOverXdgWhichWinsOverTheHome() {
        Map<String, String> xdg = Map.of(ModelCache.XDG_CACHE_HOME, "/var/cache/u");

        assertEquals(Path.of("/srv/models"), ModelCache.folder(" /srv/models ", xdg));
        assertEquals(Path.of("/var/cache/u/munin/models"), ModelCache.folder(null, xdg));
        assertEquals(Path.of(System.getProperty("user.home"), ".cache", "munin", "models"), ModelCache.folder("", Map.of()));
    }

    @Test
    void aFileIsKeptUnderItsSha256WithItsOwnName() {
        String sha256 = "ab".repeat(32);

        assertEquals(Path.of("/c", sha256, "md_v5a.0.0.onnx"), ModelCache.entry(Path.of("/c"), sha256, "md_v5a.0.0.onnx"));
        assertEquals("md_v5a.0.0.onnx", ModelCache.fileName("/timmh/MegaDetectorLite/releases/download/v0.2/md_v5a.0.0.onnx"));
        assertEquals("model.onnx", ModelCache.fileName("/models/"), "a path without a name");
        assertEquals("model.onnx", ModelCache.fileName("/models/.hidden"), "never a dot file: those are downloads in progress");
        assertEquals("model.onnx", ModelCache.fileName(null));
        assertEquals("model.onnx", ModelCache.fileName("/models/.."), "never a way up from the cache folder");
        assertEquals("model.onnx", ModelCache.fileName("/models/x\\..\\..\\evil.onnx"), "nor a Windows one");
        assertEquals("model.onnx", ModelCache.fileName("/models/C:evil.onnx"), "nor a drive");
        assertEquals("model.onnx", ModelCache.fileName("/models/evil\0.onnx"), "nor a NUL");
    }
}
