package dk.munin.detector.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * A local file or an S3 object, parsed from the forms the pipeline writes: a plain path,
 * a {@code file:} URI, or {@code s3://bucket/key}.
 *
 * <p>The app writes {@code file:} URIs with the raw path appended (spaces and all), while other
 * tools percent-encode them, so both are accepted: a {@code file:} string that is a valid URI
 * is decoded, anything else is taken literally. S3 keys are always taken literally, as S3 does.
 */
public record StorageLocation(String bucket, String key, Path path) {

    private static final String S3_SCHEME = "s3://";
    private static final String FILE_SCHEME = "file:";

    public static StorageLocation parse(String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("empty location");
        }
        String trimmed = location.trim();
        if (trimmed.startsWith(S3_SCHEME)) {
            String rest = trimmed.substring(S3_SCHEME.length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            if (bucket.isEmpty()) {
                throw new IllegalArgumentException("an s3:// location needs a bucket: " + location);
            }
            return new StorageLocation(bucket, slash < 0 ? "" : rest.substring(slash + 1), null);
        }
        if (trimmed.startsWith(FILE_SCHEME)) {
            return local(fileUriPath(trimmed));
        }
        // Two or more letters before a colon is a scheme; one is a Windows drive (C:\photos).
        if (trimmed.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*")) {
            throw new IllegalArgumentException(
                    "unsupported location '" + location + "': use a path, a file: URI or s3://bucket/key");
        }
        return local(Path.of(trimmed));
    }

    public static StorageLocation local(Path path) {
        return new StorageLocation(null, null, path.toAbsolutePath().normalize());
    }

    public boolean isS3() {
        return bucket != null;
    }

    /** The object or file called {@code name} inside this location, read as a folder. */
    public StorageLocation child(String name) {
        if (isS3()) {
            String prefix = key.isEmpty() || key.endsWith("/") ? key : key + "/";
            return new StorageLocation(bucket, prefix + name, null);
        }
        return local(path.resolve(name));
    }

    @Override
    public String toString() {
        return isS3() ? S3_SCHEME + bucket + "/" + key : FILE_SCHEME + path;
    }

    private static Path fileUriPath(String fileUri) {
        try {
            return Path.of(new URI(fileUri));
        } catch (URISyntaxException | IllegalArgumentException notAnEncodedUri) {
            String raw = fileUri.substring(FILE_SCHEME.length());
            // file:///abs and file://localhost/abs carry an (empty or local) authority before the path
            if (raw.startsWith("//")) {
                int pathStart = raw.indexOf('/', 2);
                raw = pathStart < 0 ? "/" : raw.substring(pathStart);
            }
            return Path.of(raw);
        }
    }
}
