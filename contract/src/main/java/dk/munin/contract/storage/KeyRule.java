package dk.munin.contract.storage;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule every key below a folder must keep before Munin turns it into a path or an object
 * (docs/storage.md): a photo's key below input_uri, an artefact's below output_uri. S3 takes
 * keys literally, so {@code raw/a/../../x.jpg} is a real object there, but the same text as a
 * path, on a disk or in a tool that mirrors the bucket, names a file two folders up. A key is
 * therefore refused when any reading of it could leave its folder:
 * <ul>
 *   <li>it is empty, or starts with '/' (an absolute path);</li>
 *   <li>a segment between '/' is empty ({@code a//b}), "." or "..": only a trailing '/' (a folder) may end it;</li>
 *   <li>it holds a NUL (no file name can) or a backslash (a separator on Windows and in MegaDetector's tools);</li>
 *   <li>it starts like a Windows drive ({@code C:}) or a URI ({@code s3://}, {@code file:/}).</li>
 * </ul>
 */
public final class KeyRule {

    private static final Pattern DRIVE = Pattern.compile("[A-Za-z]:.*", Pattern.DOTALL);
    private static final Pattern URI_START = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:/.*", Pattern.DOTALL);

    private KeyRule() {
    }

    /** Why {@code key} may not be used below a folder; empty when it may. */
    public static Optional<String> problem(String key) {
        if (key == null || key.isEmpty()) {
            return Optional.of("it is empty and names no object");
        }
        if (key.indexOf('\0') >= 0) {
            return Optional.of("it holds a NUL character, which no file name can");
        }
        if (key.indexOf('\\') >= 0) {
            return Optional.of("it holds a backslash, a folder separator on Windows and in MegaDetector's tools");
        }
        if (key.startsWith("/")) {
            return Optional.of("it starts with '/', an absolute path");
        }
        if (URI_START.matcher(key).matches()) {
            return Optional.of("it is a URI, not a key below the folder");
        }
        if (DRIVE.matcher(key).matches()) {
            return Optional.of("it starts with a Windows drive");
        }
        String[] segments = key.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean folderMark = i == segments.length - 1 && segment.isEmpty();
            if (segment.isEmpty() && !folderMark) {
                return Optional.of("it has an empty segment ('//')");
            }
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("it has a '" + segment + "' segment, which as a path names another folder");
            }
        }
        return Optional.empty();
    }

    /** @throws UnsafeKey naming the key and the reason, when it breaks the rule */
    public static String check(String key) {
        Optional<String> problem = problem(key);
        if (problem.isPresent()) {
            throw new UnsafeKey(key, problem.get());
        }
        return key;
    }

    /** The key as messages show it: control characters (NUL, newlines) escaped, so a log line stays one line. */
    public static String printable(String key) {
        if (key == null) {
            return "null";
        }
        StringBuilder text = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                text.append(String.format("\\u%04x", (int) c));
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
