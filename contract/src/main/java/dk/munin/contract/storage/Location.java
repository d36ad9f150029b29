package dk.munin.contract.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a photo or an artefact lives: an S3 object ({@code s3://bucket/key}) or a local file
 * (a plain path or a {@code file:} URI). Keys use '/' on both; a trailing '/' marks a folder.
 *
 * <p>{@code file:} URIs come percent-encoded from Munin ({@link #uri()}) and from most tools,
 * but people also write them with raw spaces and accents: a {@code file:} string that is a valid
 * URI is decoded, anything else is taken literally. S3 keys are always taken literally, as S3 does.
 */
public final class Location {

    private static final String S3_SCHEME = "s3://";
    private static final String FILE_SCHEME = "file:";
    /** Two or more letters before a colon is a scheme; one is a Windows drive (C:\photos). Compiled once: a listing parses a location per object. */
    private static final Pattern URI_SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]+:");

    private final boolean s3;
    private final String bucket;
    private final String key;

    private Location(boolean s3, String bucket, String key) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
    }

    /** @throws IllegalArgumentException for an empty location, an s3:// URI without a bucket, or another scheme */
    public static Location parse(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("A location must not be empty");
        }
        String trimmed = uri.trim();
        if (trimmed.startsWith(S3_SCHEME)) {
            String rest = trimmed.substring(S3_SCHEME.length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String key = slash < 0 ? "" : rest.substring(slash + 1);
            if (bucket.isEmpty()) {
                throw new IllegalArgumentException("An s3:// location needs a bucket: " + uri);
            }
            return new Location(true, bucket, key);
        }
        if (URI_SCHEME.matcher(trimmed).lookingAt() && !trimmed.startsWith(FILE_SCHEME)) {
            throw new IllegalArgumentException("Unsupported location '" + uri + "': use a folder path, a file: URI or s3://bucket/prefix");
        }
        Path path = trimmed.startsWith(FILE_SCHEME) ? fileUriPath(trimmed) : Path.of(trimmed);
        boolean folder = trimmed.endsWith("/");
        String absolute = path.toAbsolutePath().normalize().toString();
        if (!"/".equals(path.getFileSystem().getSeparator())) {
            // only where '\\' is the separator: on Linux it is part of a file name (and the key rule refuses it)
            absolute = absolute.replace(path.getFileSystem().getSeparator(), "/");
        }
        return new Location(false, null, folder && !absolute.endsWith("/") ? absolute + "/" : absolute);
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

    /** An S3 object exactly as a listing names it: its key is not trimmed or parsed, as S3 keeps keys literally. */
    public static Location s3Object(String bucket, String key) {
        if (bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException("An s3:// location needs a bucket");
        }
        return new Location(true, bucket, key);
    }

    public static Location of(Path path) {
        return parse(path.toAbsolutePath().toString());
    }

    public boolean isS3() {
        return s3;
    }

    public String bucket() {
        return bucket;
    }

    /** The S3 key, or the absolute local path. */
    public String key() {
        return key;
    }

    public Path path() {
        if (s3) {
            throw new IllegalStateException(this + " is not a local file");
        }
        return Path.of(key);
    }

    /**
     * The location of {@code relative} below this one, treating this one as a folder. The one
     * place keys become paths and objects: a key that could name anything outside this folder is
     * refused ({@link KeyRule}), so what is resolved here is always below it.
     *
     * @throws UnsafeKey naming the key, for one that breaks the rule
     */
    public Location resolve(String relative) {
        return new Location(s3, bucket, asFolderKey() + KeyRule.check(relative));
    }

    /**
     * Whether {@code other} is this folder or lies below it: the same store (and bucket) and a key
     * that starts with this one's as a folder. Purely textual; local paths are already normalised.
     */
    public boolean contains(Location other) {
        return other.s3 == s3 && Objects.equals(other.bucket, bucket) && other.asFolderKey().startsWith(asFolderKey());
    }

    /** This location with a trailing '/', as a prefix of the objects below it. */
    public Location asFolder() {
        return new Location(s3, bucket, asFolderKey());
    }

    /** The part of {@code child}'s key below this folder. */
    public String relativize(Location child) {
        String prefix = asFolderKey();
        if (child.s3 != s3 || !Objects.equals(child.bucket, bucket) || !child.key.startsWith(prefix)) {
            throw new IllegalArgumentException(child + " is not below " + this);
        }
        return child.key.substring(prefix.length());
    }

    /** The last part of the key: the file name. */
    public String name() {
        String trimmed = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private String asFolderKey() {
        if (key.isEmpty() || key.endsWith("/")) {
            return key;
        }
        return key + "/";
    }

    /** The canonical URI: {@code s3://bucket/key} or {@code file:/absolute/path}, percent-encoded. */
    public String uri() {
        if (s3) {
            return S3_SCHEME + bucket + "/" + key;
        }
        try {
            return new URI("file", null, key, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot make a file: URI of " + key, e);
        }
    }

    @Override
    public String toString() {
        return uri();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Location other && s3 == other.s3 && Objects.equals(bucket, other.bucket) && key.equals(other.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(s3, bucket, key);
    }
}
