package dk.munin.detector;

import dk.munin.contract.models.ModelCache;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectNotFound;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.contract.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Turns DETECTOR_MODEL (a local path, an s3:// URI or an http(s):// URL) into a verified local
 * model file. Downloads go to DETECTOR_MODEL_CACHE as {@code <sha256>/<file name>}: written to a
 * temporary file while hashing, checked, then renamed into place, so a half-downloaded or
 * tampered model is never used and a second run (or a second shard on the same machine) with
 * the same checksum downloads nothing.
 */
final class ModelSource {

    private static final Logger LOG = LoggerFactory.getLogger(ModelSource.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param file   the verified local model file
     * @param name   the model's own file name (info.detector), whatever the cache calls it
     * @param sha256 the file's SHA-256, lower-case hex
     */
    record ResolvedModel(Path file, String name, String sha256) {
    }

    private final ObjectStore storage;
    private final Path cache;

    ModelSource(ObjectStore storage, Path cache) {
        this.storage = storage;
        this.cache = cache;
    }

    /**
     * @param model          the DETECTOR_MODEL value
     * @param expectedSha256 DETECTOR_MODEL_SHA256 (lower-case hex), or null; required for URLs
     * @throws DetectorFailure exit code 2 for a wrong setting or checksum, 1 for a failure that may pass
     */
    ResolvedModel resolve(String model, String expectedSha256) {
        String trimmed = model.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            if (expectedSha256 == null) {
                throw DetectorFailure.badSettings(DetectorSettings.DETECTOR_MODEL + "=" + trimmed + " is a URL, so "
                        + DetectorSettings.DETECTOR_MODEL_SHA256 + " must be set: set it to the model's SHA-256 (sha256sum <model file>)");
            }
            return cached(trimmed, ModelCache.fileName(URI.create(trimmed).getPath()), expectedSha256, () -> httpGet(trimmed));
        }
        Location location;
        try {
            location = Location.parse(trimmed);
        } catch (IllegalArgumentException e) {
            throw notUsable(trimmed, e.getMessage());
        }
        if (location.isS3()) {
            return cached(trimmed, ModelCache.fileName(location.key()), expectedSha256, () -> storage.open(location));
        }
        return local(trimmed, location.path(), expectedSha256);
    }

    private ResolvedModel local(String model, Path file, String expectedSha256) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw notUsable(model, "it is not a readable file");
        }
        String actual;
        try (InputStream in = Files.newInputStream(file)) {
            actual = sha256(in);
        } catch (IOException e) {
            throw notUsable(model, "it cannot be read (" + e.getMessage() + ")");
        }
        checkSum(model, expectedSha256, actual);
        return new ResolvedModel(file, file.getFileName().toString(), actual);
    }

    @FunctionalInterface
    private interface Opener {
        InputStream open() throws IOException;
    }

    private ResolvedModel cached(String model, String name, String expectedSha256, Opener opener) {
        if (expectedSha256 != null) {
            Path cachedFile = ModelCache.entry(cache, expectedSha256, name);
            if (Files.isRegularFile(cachedFile)) {
                try (InputStream in = Files.newInputStream(cachedFile)) {
                    if (expectedSha256.equals(sha256(in))) {
                        LOG.info("model {} found in the cache: {}", model, cachedFile);
                        return new ResolvedModel(cachedFile, name, expectedSha256);
                    }
                    LOG.warn("cached model {} does not match its checksum any more; downloading it again", cachedFile);
                } catch (IOException e) {
                    LOG.warn("cached model {} cannot be read ({}); downloading it again", cachedFile, e.getMessage());
                }
            }
        }
        return download(model, name, expectedSha256, opener);
    }

    private ResolvedModel download(String model, String name, String expectedSha256, Opener opener) {
        LOG.info("downloading model {} into {}", model, cache);
        Path temporary;
        try {
            Files.createDirectories(cache);
            temporary = Files.createTempFile(cache, ".download-", ".tmp");
        } catch (IOException e) {
            throw DetectorFailure.cannotProceed("cannot write to the model cache " + cache + " (" + e.getMessage()
                    + "): set " + DetectorSettings.DETECTOR_MODEL_CACHE + " to a writable folder", e);
        }
        try {
            String actual;
            try (InputStream in = opener.open()) {
                MessageDigest digest = sha256Digest();
                Files.copy(new DigestInputStream(in, digest), temporary, StandardCopyOption.REPLACE_EXISTING);
                actual = HexFormat.of().formatHex(digest.digest());
            } catch (FileNotFoundException | ObjectNotFound e) {
                throw notUsable(model, "there is nothing there (" + e.getMessage() + ")");
            } catch (IOException | StorageException e) {
                throw DetectorFailure.cannotProceed("cannot download " + DetectorSettings.DETECTOR_MODEL + "=" + model
                        + ": " + e.getMessage(), e);
            }
            checkSum(model, expectedSha256, actual);
            Path target = ModelCache.entry(cache, actual, name);
            Files.createDirectories(target.getParent());
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.info("model {} verified (SHA-256 {}) and cached as {}", model, actual, target);
            return new ResolvedModel(target, name, actual);
        } catch (IOException e) {
            throw DetectorFailure.cannotProceed("cannot store the model in the cache " + cache + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // a stray temporary file in the cache is harmless: its name starts with a dot and is never read
            }
        }
    }

    private static InputStream httpGet(String url) throws IOException {
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)   // release downloads redirect to a CDN; never from https to http
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("User-Agent", "munin-detector").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        int status = response.statusCode();
        if (status == 200) {
            return response.body();
        }
        response.body().close();
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            throw new FileNotFoundException("HTTP " + status);
        }
        throw new IOException("HTTP " + status);
    }

    private static void checkSum(String model, String expected, String actual) {
        if (expected != null && !expected.equals(actual)) {
            throw DetectorFailure.badSettings(DetectorSettings.DETECTOR_MODEL + "=" + model + " has SHA-256 " + actual
                    + ", but " + DetectorSettings.DETECTOR_MODEL_SHA256 + " is " + expected
                    + ": the file is not the model that was asked for (or the checksum is wrong)");
        }
    }

    private static DetectorFailure notUsable(String model, String why) {
        return DetectorFailure.badSettings(DetectorSettings.DETECTOR_MODEL + "=" + model + " is not usable: " + why
                + ": set " + DetectorSettings.DETECTOR_MODEL + " to the detector's ONNX model (e.g. FastestDet.onnx):"
                + " a path, an s3:// URI or an https:// URL");
    }

    static String sha256(InputStream in) throws IOException {
        MessageDigest digest = sha256Digest();
        byte[] buffer = new byte[1 << 16];
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            digest.update(buffer, 0, read);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256Digest().digest(bytes));
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
