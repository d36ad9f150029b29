package dk.munin.manifest;

import dk.munin.contract.storage.KeyRule;
import dk.munin.contract.storage.Location;
import dk.munin.state.RunState;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for the manifest's two locations (docs/storage.md): each must be a location Munin
 * can name without ambiguity, and neither may lie inside the other, or a run would list its own
 * outputs as photos, or write among the photos it reads.
 */
public final class ManifestLocations {

    /** S3's bucket naming rules: 3-63 lower-case letters, digits, '.' and '-', starting and ending with a letter or digit. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern WINDOWS_DRIVE = Pattern.compile("[A-Za-z]:.*", Pattern.DOTALL);

    private ManifestLocations() {
    }

    /**
     * The field's value as a location, after the rules: no NUL; for S3 a valid bucket and a
     * prefix that keeps the key rule (S3 keeps '..' and '//' literally, so they never mean what
     * they would in a path); locally no backslashes or drive letters where '/' is the separator.
     *
     * @throws InvalidManifest naming the field and the reason
     */
    static Location parse(String field, String value) {
        if (value.indexOf('\0') >= 0) {
            throw new InvalidManifest(field, "must not hold a NUL character, got \"" + KeyRule.printable(value) + "\"");
        }
        Location location;
        try {
            location = Location.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidManifest(field, e.getMessage());
        }
        String trimmed = value.trim();
        if (location.isS3()) {
            checkS3(field, trimmed, location);
        } else if (File.separatorChar == '/' && (trimmed.indexOf('\\') >= 0 || WINDOWS_DRIVE.matcher(trimmed).matches())) {
            throw new InvalidManifest(field, "must be a folder path with '/' (or a file: URI), got \"" + value
                    + "\": backslashes and drive letters are Windows paths, which would name a file in the current folder here");
        }
        return location;
    }

    private static void checkS3(String field, String value, Location location) {
        if (!BUCKET.matcher(location.bucket()).matches() || location.bucket().contains("..")) {
            throw new InvalidManifest(field, "names the bucket \"" + location.bucket() + "\", which S3 does not allow:"
                    + " 3-63 lower-case letters, digits, '.' and '-', e.g. s3://my-bucket/raw/");
        }
        String prefix = location.key();
        if (!prefix.isEmpty()) {
            Optional<String> problem = KeyRule.problem(prefix);
            if (problem.isPresent()) {
                throw new InvalidManifest(field, "has the prefix \"" + KeyRule.printable(prefix) + "\" in " + value + ", which Munin refuses: "
                        + problem.get() + " (S3 keeps such keys literally, so the prefix would not mean what it says)");
            }
        }
    }

    /**
     * Neither folder may be the other or lie inside it: for S3 by bucket and prefix, locally after
     * normalisation and again with symbolic links resolved as far as the folders exist.
     *
     * @throws InvalidManifest for output_uri (or input_uri when it is the one inside), naming both
     */
    public static void refuseOverlap(Location input, Location output) {
        Location in = input.asFolder();
        Location out = output.asFolder();
        if (!overlap(in, out) && !in.isS3() && !out.isS3()) {
            in = real(in);
            out = real(out);
        }
        if (in.equals(out)) {
            throw new InvalidManifest(RunState.OUTPUT_URI, "must differ from input_uri, or outputs would be mixed with the photos: both are "
                    + described(input, in));
        }
        if (in.contains(out)) {
            throw new InvalidManifest(RunState.OUTPUT_URI, "is inside input_uri: output_uri " + described(output, out) + " is below input_uri "
                    + described(input, in) + ", so the run would write among the photos it reads; choose an output folder outside it");
        }
        if (out.contains(in)) {
            throw new InvalidManifest(RunState.INPUT_URI, "is inside output_uri: input_uri " + described(input, in) + " is below output_uri "
                    + described(output, out) + ", so the run would write over the folder of the photos it reads; choose an output folder outside it");
        }
    }

    private static boolean overlap(Location a, Location b) {
        return a.contains(b) || b.contains(a);
    }

    /** The location as given, and what it came to when that differs (a relative path, a link). */
    private static String described(Location given, Location compared) {
        Location folder = given.asFolder();
        return folder.equals(compared) ? folder.uri() : folder.uri() + " (" + compared.uri() + ")";
    }

    /** The folder with the links in its longest existing part resolved; as it was when that cannot be read. */
    private static Location real(Location folder) {
        Path path = folder.path();
        Path existing = path;
        try {
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return folder;
            }
            Path real = existing.toRealPath().resolve(existing.relativize(path));
            return Location.of(real).asFolder();
        } catch (IOException | InvalidPathException | SecurityException e) {
            return folder;
        }
    }
}
