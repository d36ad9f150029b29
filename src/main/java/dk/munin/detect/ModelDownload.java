package dk.munin.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One HTTP GET of a model file into a file, hashed (MD5 and SHA-256) as it arrives and reported
 * in tenths of its length, so the first download of a model of a few hundred megabytes shows how
 * far it is. HttpURLConnection because it has a read timeout for a stalled body, and because it
 * follows redirects only within one scheme: release assets redirect to a CDN, and an https
 * download never continues over http.
 */
final class ModelDownload {

    private static final int BUFFER_BYTES = 1 << 16;
    /** Lines per download of a known length: enough to see it move, few enough to read. */
    private static final int PROGRESS_STEPS = 10;
    /** Without a Content-Length, a line per this many bytes. */
    private static final long BYTES_PER_LINE_WITHOUT_LENGTH = 20_000_000;
    private static final double BYTES_PER_MB = 1_000_000.0;

    /** What arrived: its length and checksums (lower-case hex). */
    record Fetched(long bytes, String md5, String sha256) {
    }

    private final Duration connectTimeout;
    private final Duration readTimeout;

    ModelDownload(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /**
     * @param name the file's name in progress lines
     * @throws IOException when the server cannot be reached, answers other than 200, or the body stops short
     */
    Fetched fetch(URI url, Path into, String name, DownloadProgress progress) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        connection.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
        connection.setReadTimeout(Math.toIntExact(readTimeout.toMillis()));
        connection.setInstanceFollowRedirects(true);
        try {
            int status = connection.getResponseCode();
            if (status / 100 == 3) {
                throw new IOException("HTTP " + status + ": a redirect to " + connection.getHeaderField("Location")
                        + ", which is not followed from " + url.getScheme());
            }
            if (status != HttpURLConnection.HTTP_OK) {
                String message = connection.getResponseMessage();
                throw new IOException("HTTP " + status + (message == null ? "" : " " + message));
            }
            return copy(connection.getInputStream(), connection.getContentLengthLong(), into, new Meter(name, progress));
        } finally {
            connection.disconnect();
        }
    }

    private static Fetched copy(InputStream body, long length, Path into, Meter meter) throws IOException {
        MessageDigest md5 = digest("MD5");
        MessageDigest sha256 = digest("SHA-256");
        long done = 0;
        try (InputStream in = body; OutputStream out = Files.newOutputStream(into)) {
            byte[] buffer = new byte[BUFFER_BYTES];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                md5.update(buffer, 0, read);
                sha256.update(buffer, 0, read);
                done += read;
                meter.advanced(done, length);
            }
        }
        if (length >= 0 && done != length) {
            throw new IOException("the download stopped after " + done + " of " + length + " bytes");
        }
        meter.finished(done, length);
        return new Fetched(done, HexFormat.of().formatHex(md5.digest()), HexFormat.of().formatHex(sha256.digest()));
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + algorithm, e);
        }
    }

    /** Reports a line each time the download passes a tenth of its length (or a block of bytes, without one). */
    private static final class Meter {

        private final String name;
        private final DownloadProgress progress;
        private long reportedStep;

        Meter(String name, DownloadProgress progress) {
            this.name = name;
            this.progress = progress;
        }

        void advanced(long done, long length) {
            long step = length > 0 ? done * PROGRESS_STEPS / length : done / BYTES_PER_LINE_WITHOUT_LENGTH;
            if (step > reportedStep) {
                reportedStep = step;
                progress.report(line(done, length));
            }
        }

        /** The last line, unless the last tenth already said it. */
        void finished(long done, long length) {
            if (length <= 0 || reportedStep < PROGRESS_STEPS) {
                progress.report(line(done, length));
            }
        }

        private String line(long done, long length) {
            if (length <= 0) {
                return String.format(Locale.ROOT, "  %s: %.1f MB", name, done / BYTES_PER_MB);
            }
            return String.format(Locale.ROOT, "  %s: %.1f of %.1f MB (%d%%)", name, done / BYTES_PER_MB, length / BYTES_PER_MB,
                    done * 100 / length);
        }
    }
}
