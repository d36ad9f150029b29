package dk.munin.output.camtrapdp;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One field of a Frictionless Table Schema: its type, format and constraints, read once so every
 * CSV cell is checked against the same parsed rules.
 */
final class TableField {

    private final String name;
    private final String typeName;
    private final FieldType type;
    private final String format;
    private final boolean required;
    private final boolean unique;
    private final List<Object> enumValues;
    private final Object minimum;
    private final Object maximum;
    private final Integer minLength;
    private final Integer maxLength;
    private final Pattern pattern;
    private final List<String> trueValues;
    private final List<String> falseValues;
    private final DateTimeFormatter temporalFormatter;
    private final boolean temporalHasOffset;
    private final String unsupported;

    TableField(JsonNode json) {
        name = json.path("name").asText();
        typeName = json.path("type").asText("string");
        type = FieldType.named(json.path("type").isMissingNode() ? null : typeName);
        format = json.path("format").isTextual() ? json.path("format").asText() : "default";
        trueValues = strings(json.get("trueValues"), FieldType.DEFAULT_TRUE);
        falseValues = strings(json.get("falseValues"), FieldType.DEFAULT_FALSE);

        String problem = type == null ? "type '" + typeName + "' is not supported by this validator" : null;
        DateTimeFormatter formatter = null;
        boolean offset = false;
        if (type != null && type.hasTemporalFormat()) {
            StrptimeFormat parsed = StrptimeFormat.of(type, format);
            formatter = parsed.formatter();
            offset = parsed.hasOffset();
            if (formatter == null) {
                problem = "format '" + format + "' of a " + typeName + " field is not supported by this validator";
            }
        } else if (type == FieldType.STRING && !format.equals("default")) {
            // uri, email, uuid, binary: no Camtrap DP 1.0.2 table uses them; say so rather than pass them
            problem = "string format '" + format + "' is not checked by this validator";
        }
        temporalFormatter = formatter;
        temporalHasOffset = offset;
        unsupported = problem;

        JsonNode c = json.path("constraints");
        required = c.path("required").asBoolean(false);
        unique = c.path("unique").asBoolean(false);
        minLength = c.has("minLength") ? c.get("minLength").asInt() : null;
        maxLength = c.has("maxLength") ? c.get("maxLength").asInt() : null;
        pattern = c.has("pattern") ? Pattern.compile(c.get("pattern").asText()) : null;
        boolean readable = type != null && (!type.hasTemporalFormat() || formatter != null);
        minimum = c.has("minimum") && readable ? read(c.get("minimum")) : null;
        maximum = c.has("maximum") && readable ? read(c.get("maximum")) : null;
        List<Object> values = new ArrayList<>();
        if (c.has("enum")) {
            for (JsonNode value : c.get("enum")) {
                values.add(readable ? read(value) : value.asText());
            }
        }
        enumValues = c.has("enum") ? List.copyOf(values) : null;
    }

    /** A constraint's value in the schema is itself in the field's type (a JSON number or a lexical string). */
    private Object read(JsonNode value) {
        return type.read(value.isNumber() ? value.decimalValue().toPlainString() : value.asText(), this);
    }

    private static List<String> strings(JsonNode array, List<String> fallback) {
        if (array == null || !array.isArray()) {
            return fallback;
        }
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return List.copyOf(out);
    }

    String name() {
        return name;
    }

    FieldType type() {
        return type;
    }

    String typeName() {
        return typeName;
    }

    boolean required() {
        return required;
    }

    boolean unique() {
        return unique;
    }

    List<Object> enumValues() {
        return enumValues;
    }

    Object minimum() {
        return minimum;
    }

    Object maximum() {
        return maximum;
    }

    Integer minLength() {
        return minLength;
    }

    Integer maxLength() {
        return maxLength;
    }

    Pattern pattern() {
        return pattern;
    }

    List<String> trueValues() {
        return trueValues;
    }

    List<String> falseValues() {
        return falseValues;
    }

    DateTimeFormatter temporalFormatter() {
        return temporalFormatter;
    }

    boolean temporalHasOffset() {
        return temporalHasOffset;
    }

    String formatDescription() {
        return format.equals("default") || format.equals("any") ? "ISO 8601" : "'" + format + "'";
    }

    /** Why this field's values cannot be fully checked, or {@code null} when they can. */
    String unsupported() {
        return unsupported;
    }

    /**
     * A Frictionless temporal format: {@code default}, {@code any}, or a Python strptime pattern
     * such as Camtrap DP's {@code %Y-%m-%dT%H:%M:%S%z}.
     */
    record StrptimeFormat(DateTimeFormatter formatter, boolean hasOffset) {

        static StrptimeFormat of(FieldType type, String format) {
            if (format.equals("default") || format.equals("any")) {
                return switch (type) {
                    case DATE -> new StrptimeFormat(DateTimeFormatter.ISO_LOCAL_DATE, false);
                    case TIME -> new StrptimeFormat(DateTimeFormatter.ISO_LOCAL_TIME, false);
                    default -> new StrptimeFormat(DateTimeFormatter.ISO_OFFSET_DATE_TIME, true);
                };
            }
            DateTimeFormatterBuilder b = new DateTimeFormatterBuilder();
            boolean offset = false;
            for (int i = 0; i < format.length(); i++) {
                char c = format.charAt(i);
                if (c != '%') {
                    b.appendLiteral(c);
                    continue;
                }
                if (++i == format.length()) {
                    return new StrptimeFormat(null, false);
                }
                switch (format.charAt(i)) {
                    case 'Y' -> b.appendValue(ChronoField.YEAR, 4);
                    case 'm' -> b.appendValue(ChronoField.MONTH_OF_YEAR, 2);
                    case 'd' -> b.appendValue(ChronoField.DAY_OF_MONTH, 2);
                    case 'H' -> b.appendValue(ChronoField.HOUR_OF_DAY, 2);
                    case 'M' -> b.appendValue(ChronoField.MINUTE_OF_HOUR, 2);
                    case 'S' -> b.appendValue(ChronoField.SECOND_OF_MINUTE, 2);
                    case 'z' -> {
                        // Python's %z reads Z, +HH:MM and +HHMM; an offset is then required
                        b.appendPattern("[XXX][XX]");
                        offset = true;
                    }
                    case '%' -> b.appendLiteral('%');
                    default -> {
                        return new StrptimeFormat(null, false);
                    }
                }
            }
            return new StrptimeFormat(b.toFormatter().withResolverStyle(ResolverStyle.STRICT), offset);
        }
    }
}
