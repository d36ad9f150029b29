package dk.munin.contract.models;

import dk.munin.contract.storage.KeyRule;

import java.nio.file.Path;
import java.util.Map;

/**
 * The folder where downloaded detector models are kept, shared by the app (which fetches its
 * default model there) and the detector (which keeps its own downloads there), and its layout:
 * {@code <cache>/<sha256>/<file name>}. Keying a file by its content's SHA-256 means a file is
 * only ever found under the checksum it was verified against; keeping its own name keeps
 * {@code info.detector} in the output the model's real name.
 */
public final class ModelCache {

    /** The XDG base directory convention's variable for per-user caches. */
    public static final String XDG_CACHE_HOME = "XDG_CACHE_HOME";
    /** A model's name when its URL or key ends without a usable one. */
    private static final String FALLBACK_NAME = "model.onnx";

    private ModelCache() {
    }

    /**
     * @param configured  the folder a setting names (DETECTOR_MODEL_CACHE, munin.detect.model-cache); null or blank for the default
     * @param environment the process's environment, for {@value #XDG_CACHE_HOME}
     * @return configured, else $XDG_CACHE_HOME/munin/models, else ~/.cache/munin/models, else a folder in the temp dir
     */
    public static Path folder(String configured, Map<String, String> environment) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim()).toAbsolutePath();
        }
        String xdg = environment.get(XDG_CACHE_HOME);
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg.trim(), "munin", "models").toAbsolutePath();
        }
        String home = System.getProperty("user.home");
        if (home != null && !home.isBlank() && !"?".equals(home)) {
            return Path.of(home, ".cache", "munin", "models");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "munin-models");
    }

    /** Where the verified file with this SHA-256 (lower-case hex) and name is kept. */
    public static Path entry(Path cache, String sha256, String fileName) {
        return cache.resolve(sha256).resolve(fileName);
    }

    /**
     * The model's own file name: the last segment of a URL's path or an S3 key, when it is a
     * plain file name ({@link KeyRule}, one segment, not hidden); otherwise {@value #FALLBACK_NAME},
     * so a URL cannot place the download outside its cache folder.
     */
    public static String fileName(String path) {
        if (path == null) {
            return FALLBACK_NAME;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        boolean plain = !name.isBlank() && !name.startsWith(".") && name.indexOf(':') < 0 && KeyRule.problem(name).isEmpty();
        return plain ? name : FALLBACK_NAME;
    }
}
