package dk.munin.detect;

import dk.munin.contract.stage1.ContainerSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The detector's model as the container contract passes it: DETECTOR_MODEL is a local path, an
 * {@code s3://} URI or an {@code https://} URL, and an https model must come with its SHA-256
 * (DETECTOR_MODEL_SHA256), because a download can be swapped or cut short without any error.
 *
 * @param location         munin.detect.model, trimmed; empty when none is configured
 * @param sha256           munin.detect.model-sha256, trimmed and lower-case; empty when none is given
 * @param detectorSettings more of the detector's variables for this model (DETECTOR_LAYOUT, ...);
 *                         empty for a configured model, whose layout the detector finds itself
 */
public record DetectorModel(String location, String sha256, Map<String, String> detectorSettings) implements LocalModel {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    static final String HOW_TO_CONFIGURE = "Give an ONNX model with `make run MODEL=path/to/model.onnx`, or set "
            + "munin.detect.model in application.properties (or -Dmunin.detect.model=...) to a path, an s3:// URI or an "
            + "https:// URL (with munin.detect.model-sha256). A small COCO model for trying Munin: "
            + "../shared/data/models/fastestdet/FastestDet.onnx";

    public DetectorModel {
        location = location == null ? "" : location.trim();
        sha256 = sha256 == null ? "" : sha256.trim().toLowerCase(Locale.ROOT);
        detectorSettings = detectorSettings == null ? Map.of() : Map.copyOf(detectorSettings);
    }

    /** A configured model (munin.detect.model and munin.detect.model-sha256). */
    public DetectorModel(String location, String sha256) {
        this(location, sha256, Map.of());
    }

    public boolean isConfigured() {
        return !location.isEmpty();
    }

    public boolean isRemote() {
        return isS3() || isHttps();
    }

    private boolean isS3() {
        return location.startsWith("s3://");
    }

    private boolean isHttps() {
        return location.regionMatches(true, 0, "https://", 0, "https://".length());
    }

    /** The model must be configured; a local one must be readable here. */
    @Override
    public void checkUsableLocally() {
        if (!isConfigured()) {
            throw new DetectorNotConfigured("No detector model is configured. " + HOW_TO_CONFIGURE);
        }
        checkFormat();
        if (!isRemote() && !Files.isReadable(Path.of(location))) {
            throw new DetectorNotConfigured("The detector model " + Path.of(location).toAbsolutePath()
                    + " does not exist or cannot be read (munin.detect.model / MODEL=)");
        }
    }

    /** A configured model is used as it is: the detector fetches a remote one itself. */
    @Override
    public DetectorModel obtain(DownloadProgress progress) {
        checkUsableLocally();
        return this;
    }

    /**
     * A model for a container elsewhere: none (the job definition's DETECTOR_MODEL applies) or a
     * remote one; a path on this machine means nothing inside the container.
     */
    public void checkUsableRemotely() {
        if (!isConfigured()) {
            return;
        }
        checkFormat();
        if (!isRemote()) {
            throw new DetectorNotConfigured("munin.detect.model is the local path " + location + ", which an AWS Batch "
                    + "container cannot read: upload the model to S3 and give its s3:// URI, give an https:// URL with "
                    + "munin.detect.model-sha256, or leave munin.detect.model empty to use the job definition's DETECTOR_MODEL");
        }
    }

    private void checkFormat() {
        if (location.regionMatches(true, 0, "http://", 0, "http://".length())) {
            throw new DetectorNotConfigured("munin.detect.model must not be a plain http:// URL (" + location
                    + "): use https:// with munin.detect.model-sha256, an s3:// URI or a local path");
        }
        if (isHttps() && !SHA256.matcher(sha256).matches()) {
            throw new DetectorNotConfigured("The detector model " + location + " is an https:// URL, so "
                    + "munin.detect.model-sha256 must be its SHA-256 as 64 hex digits"
                    + (sha256.isEmpty() ? "" : " (got '" + sha256 + "')") + "; `sha256sum model.onnx` prints it");
        }
        if (!sha256.isEmpty() && !SHA256.matcher(sha256).matches()) {
            throw new DetectorNotConfigured("munin.detect.model-sha256 must be 64 hex digits, got '" + sha256 + "'");
        }
    }

    /** DETECTOR_MODEL and, when known, DETECTOR_MODEL_SHA256 and the detector settings; empty when no model is configured. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        if (isConfigured()) {
            env.put(ContainerSettings.variable(ContainerSettings.MODEL), location);
        }
        if (!sha256.isEmpty()) {
            env.put(ContainerSettings.variable(ContainerSettings.MODEL_SHA256), sha256);
        }
        env.putAll(detectorSettings);
        return env;
    }

    /** The SHA-256 of a local model file, as the calibration table keys models (read in one pass, not held). */
    public static String sha256Of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the model " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required algorithm of every Java platform", e);
        }
    }
}
