package dk.munin.output.camtrapdp;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The Frictionless Table Schema field types a Camtrap DP table can use, each able to read a CSV
 * cell into a comparable value (so {@code minimum}, {@code maximum} and {@code enum} compare
 * values, not text: {@code 1.30} equals {@code 1.3}).
 */
enum FieldType {
    STRING, INTEGER, NUMBER, BOOLEAN, DATE, TIME, DATETIME, YEAR, ANY;

    /** Frictionless defaults for boolean fields that give no trueValues/falseValues. */
    static final List<String> DEFAULT_TRUE = List.of("true", "True", "TRUE", "1");
    static final List<String> DEFAULT_FALSE = List.of("false", "False", "FALSE", "0");

    private static final Pattern INTEGER_LEXICAL = Pattern.compile("[+-]?\\d+");
    // the Frictionless number lexical form: no thousands separators, no hex, no trailing text
    private static final Pattern NUMBER_LEXICAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern YEAR_LEXICAL = Pattern.compile("-?\\d{4}");

    /** The type a schema names, or {@code null} for a type this validator cannot check. */
    static FieldType named(String name) {
        if (name == null) {
            return STRING; // Frictionless: a field without a type is a string
        }
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    /** The types whose format a field may narrow; for the rest, format is ignored here. */
    boolean hasTemporalFormat() {
        return this == DATE || this == TIME || this == DATETIME;
    }

    /**
     * Reads one non-missing cell.
     *
     * @throws IllegalArgumentException with the reason when the cell is not of this type
     */
    Object read(String cell, TableField field) {
        switch (this) {
            case STRING, ANY:
                return cell;
            case INTEGER:
                if (!INTEGER_LEXICAL.matcher(cell).matches()) {
                    throw new IllegalArgumentException("'" + cell + "' is not an integer");
                }
                return new BigDecimal(new BigInteger(cell));
            case NUMBER:
                if (cell.equals("NaN") || cell.equals("INF") || cell.equals("-INF")) {
                    return Double.valueOf(cell.replace("INF", "Infinity"));
                }
                if (!NUMBER_LEXICAL.matcher(cell).matches()) {
                    throw new IllegalArgumentException("'" + cell + "' is not a number");
                }
                return new BigDecimal(cell);
            case BOOLEAN:
                if (field.trueValues().contains(cell)) {
                    return Boolean.TRUE;
                }
                if (field.falseValues().contains(cell)) {
                    return Boolean.FALSE;
                }
                throw new IllegalArgumentException("'" + cell + "' is not a boolean (true values " + field.trueValues()
                        + ", false values " + field.falseValues() + ")");
            case YEAR:
                if (!YEAR_LEXICAL.matcher(cell).matches()) {
                    throw new IllegalArgumentException("'" + cell + "' is not a year (YYYY)");
                }
                return new BigDecimal(cell);
            case DATE, TIME, DATETIME:
                return readTemporal(cell, field);
            default:
                throw new IllegalStateException(name());
        }
    }

    private Object readTemporal(String cell, TableField field) {
        DateTimeFormatter formatter = field.temporalFormatter();
        try {
            return switch (this) {
                case DATE -> LocalDate.parse(cell, formatter);
                case TIME -> LocalTime.parse(cell, formatter);
                // with an offset in the format, instants compare across time zones; without one, local times
                default -> field.temporalHasOffset()
                        ? OffsetDateTime.parse(cell, formatter).toInstant()
                        : LocalDateTime.parse(cell, formatter);
            };
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + cell + "' is not a " + name().toLowerCase(Locale.ROOT)
                    + " in the format " + field.formatDescription());
        }
    }
}
