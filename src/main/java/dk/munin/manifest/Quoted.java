package dk.munin.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a refusal quotes what it refuses: short enough to read (a 5 MB string must not become a 5 MB
 * message or log line), and a field name nobody could see (empty, blank, control characters)
 * written as a JSON string, so the researcher can find it in the file.
 */
final class Quoted {

    /** Longer values are cut: the start says what it was. */
    private static final int MAX_VALUE = 80;
    private static final int MAX_NAME = 64;
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_]+");

    private Quoted() {
    }

    /** A refused value as JSON, cut after {@value #MAX_VALUE} characters. */
    static String value(JsonNode value) {
        String json;
        try {
            json = String.valueOf(value);
        } catch (RuntimeException tooDeepToWrite) {
            json = value.getNodeType().name().toLowerCase(Locale.ROOT) + " nested too deeply to show";
        }
        return cut(json, MAX_VALUE);
    }

    /** A document's own field name as a refusal's field: as it is when plain, else as a JSON string. */
    static String name(String name) {
        return PLAIN_NAME.matcher(name).matches() ? cut(name, MAX_NAME) : cut(new TextNode(name).toString(), MAX_NAME);
    }

    private static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max) + "..." : text;
    }
}
