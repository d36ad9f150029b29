package dk.munin.detect;

import dk.munin.contract.models.ModelCache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The model a local-process run uses when munin.detect.model is empty: the one
 * munin.detect.default-model.* names (MegaDetector v5a as MegaDetectorLite's ONNX export),
 * downloaded on first use into the model cache ({@link ModelCache}, shared with the detector).
 *
 * <p>Trust on first verified download. The release publishes no SHA-256, and the MD5 that is
 * known only says the first download is the published file: MD5 collisions can be made, and a
 * release asset can be replaced. So the first download whose MD5 matches is pinned by its
 * SHA-256 ({@link ModelPins}, unless munin.detect.default-model.sha256 gives one), and every
 * later use is held to that SHA-256: a cached file that no longer matches is fetched again, and
 * a download that does not match is refused. The detector checks the same SHA-256 once more when
 * it loads the file (DETECTOR_MODEL_SHA256).
 */
public final class DefaultModel implements LocalModel {

    private static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final DefaultModelSettings settings;
    private final Path cache;
    private final ModelPins pins;
    private final ModelDownload download;

    /** @param cache munin.detect.model-cache, resolved ({@link ModelCache#folder}) */
    public DefaultModel(DefaultModelSettings settings, Path cache) {
        this.settings = settings;
        this.cache = cache;
        this.pins = new ModelPins(cache);
        this.download = new ModelDownload(settings.connectTimeout(), settings.readTimeout());
    }

    @Override
    public void checkUsableLocally() {
        if (settings.url().isEmpty()) {
            throw new DetectorNotConfigured("No detector model is configured. " + DetectorModel.HOW_TO_CONFIGURE);
        }
        if (!isHttp(settings.url())) {
            throw new DetectorNotConfigured("munin.detect.default-model.url must be an https:// (or http://) URL, got '"
                    + settings.url() + "'");
        }
        if (settings.md5().isEmpty() && settings.sha256().isEmpty()) {
            throw new DetectorNotConfigured("munin.detect.default-model.md5 or munin.detect.default-model.sha256 must be set: "
                    + "a downloaded model is used only once it matches a published checksum");
        }
        if (!settings.md5().isEmpty() && !MD5.matcher(settings.md5()).matches()) {
            throw new DetectorNotConfigured("munin.detect.default-model.md5 must be 32 hex digits, got '" + settings.md5() + "'");
        }
        if (!settings.sha256().isEmpty() && !SHA256.matcher(settings.sha256()).matches()) {
            throw new DetectorNotConfigured("munin.detect.default-model.sha256 must be 64 hex digits, got '" + settings.sha256() + "'");
        }
    }

    /** The cached, verified file; downloaded, verified and (on first use) pinned when there is none. */
    @Override
    public synchronized DetectorModel obtain(DownloadProgress progress) {
        checkUsableLocally();
        String name = ModelCache.fileName(URI.create(settings.url()).getPath());
        Optional<ModelPins.Pin> pin = settings.sha256().isEmpty()
                ? pins.read(settings.md5()) : Optional.of(new ModelPins.Pin(settings.sha256(), null));
        Optional<Path> cached = pin.flatMap(pinned -> verifiedInCache(pinned, name, progress));
        if (cached.isPresent()) {
            progress.report("Detector model: the default, " + settings.name() + ", from the model cache: " + cached.get()
                    + " (SHA-256 " + pin.get().sha256() + ", as pinned)");
            return model(cached.get(), pin.get().sha256());
        }
        progress.report("No model given (MODEL=): downloading the default detector model, " + settings.name() + ", from "
                + settings.url() + " into the model cache " + cache);
        ModelDownload.Fetched fetched = fetchAndCheck(name, pin, progress);
        if (pin.isPresent()) {
            progress.report("✓ SHA-256 " + fetched.sha256() + " is the pinned one");
        } else {
            Path pinFile = pinFirstDownload(fetched.sha256());
            progress.report("✓ MD5 " + fetched.md5() + " is the published one; SHA-256 " + fetched.sha256() + " pinned in "
                    + pinFile + ": every later run is checked against it");
        }
        return model(ModelCache.entry(cache, fetched.sha256(), name), fetched.sha256());
    }

    /** The pinned file in the cache if it is still what was pinned; a changed one is removed, never used. */
    private Optional<Path> verifiedInCache(ModelPins.Pin pin, String name, DownloadProgress progress) {
        Path file = ModelCache.entry(cache, pin.sha256(), name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String found;
        try {
            String actual = sha256(file);
            if (actual.equals(pin.sha256())) {
                return Optional.of(file);
            }
            found = "has SHA-256 " + actual + ", not the pinned " + pin.sha256() + ": it changed after it was verified";
        } catch (IOException e) {
            found = "cannot be read (" + e.getMessage() + ")";
        }
        progress.report("✗ The cached default model " + file + " " + found + ", so it is not used; downloading it again");
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw cacheNotWritable(e);
        }
        return Optional.empty();
    }

    /** Downloads into a temporary file and moves it into the cache only once its checksums match. */
    private ModelDownload.Fetched fetchAndCheck(String name, Optional<ModelPins.Pin> pin, DownloadProgress progress) {
        Path temporary = temporaryFile();
        try {
            ModelDownload.Fetched fetched;
            try {
                fetched = download.fetch(URI.create(settings.url()), temporary, name, progress);
            } catch (IOException e) {
                throw unreachable(e);
            }
            if (!settings.md5().isEmpty() && !settings.md5().equals(fetched.md5())) {
                throw new DetectorNotConfigured("The default detector model downloaded from " + settings.url() + " has MD5 "
                        + fetched.md5() + ", but munin.detect.default-model.md5 is " + settings.md5() + ": it is not the "
                        + "published file (the release changed, a proxy answered, or the download was damaged), so it was not kept. "
                        + DetectorModel.HOW_TO_CONFIGURE);
            }
            if (pin.isPresent() && !pin.get().sha256().equals(fetched.sha256())) {
                throw new DetectorNotConfigured("The default detector model downloaded from " + settings.url() + " has SHA-256 "
                        + fetched.sha256() + ", but " + pin.get().source() + " is " + pin.get().sha256() + ": the file at that "
                        + "URL is not the one verified before, so it was not kept"
                        + (pin.get().file() == null ? "" : ". If you trust the new file, delete " + pin.get().file()
                        + " and the next download whose MD5 matches is pinned"));
            }
            store(temporary, ModelCache.entry(cache, fetched.sha256(), name));
            return fetched;
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // a stray temporary file is harmless: its name starts with a dot and nothing reads it
            }
        }
    }

    private Path temporaryFile() {
        try {
            Files.createDirectories(cache);
            Path temporary = Files.createTempFile(cache, ".download-", ".tmp");
            temporary.toFile().deleteOnExit();   // Ctrl-C during a download leaves no half file behind
            return temporary;
        } catch (IOException e) {
            throw cacheNotWritable(e);
        }
    }

    private void store(Path temporary, Path target) {
        try {
            Files.createDirectories(target.getParent());
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw cacheNotWritable(e);
        }
    }

    private Path pinFirstDownload(String sha256) {
        try {
            return pins.write(settings.md5(), settings.url(), sha256);
        } catch (IOException e) {
            throw cacheNotWritable(e);
        }
    }

    private DetectorModel model(Path file, String sha256) {
        return new DetectorModel(file.toString(), sha256, settings.detectorSettings());
    }

    private DetectorNotConfigured unreachable(IOException e) {
        return new DetectorNotConfigured("No model was given (MODEL=), and the default detector model, " + settings.name()
                + ", is not in the model cache " + cache + " and could not be downloaded from " + settings.url() + ": "
                + reason(e) + ". Connect to the internet for this first run (later runs use the cached copy), or run "
                + "without it. " + DetectorModel.HOW_TO_CONFIGURE);
    }

    private DetectorNotConfigured cacheNotWritable(IOException e) {
        return new DetectorNotConfigured("Cannot keep the default detector model in the model cache " + cache + " (" + e
                + "): set munin.detect.model-cache to a writable folder, or give a model. " + DetectorModel.HOW_TO_CONFIGURE);
    }

    private static String reason(IOException e) {
        if (e instanceof UnknownHostException) {
            return "the host " + e.getMessage() + " cannot be found (no network?)";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static boolean isHttp(String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = ModelDownload.digest("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
