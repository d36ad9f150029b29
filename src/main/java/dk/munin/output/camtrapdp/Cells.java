package dk.munin.output.camtrapdp;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Values as Camtrap DP's tables and descriptor spell them. */
final class Cells {

    /**
     * The schemas' {@code %Y-%m-%dT%H:%M:%S%z}, with the offset as {@code Z} or {@code +02:00}:
     * whole seconds (the format has no fraction), and the offset the time came with, so a camera's
     * local time stays readable.
     */
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT);

    private Cells() {
    }

    /** Truncated to the second: a fraction is dropped, never rounded into the next second. */
    static String datetime(OffsetDateTime time) {
        return time == null ? null : DATETIME.format(time.truncatedTo(ChronoUnit.SECONDS));
    }

    static String datetime(Instant time) {
        return datetime(time.atOffset(ZoneOffset.UTC));
    }

    /** The date on the clock of the time's own offset. */
    static String date(OffsetDateTime time) {
        return DATE.format(time);
    }

    /** The double's shortest decimal, never in exponent form, no trailing zeros: 0.1 stays 0.1, 1.0 is 1. */
    static String number(Double value) {
        return value == null ? null : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static String integer(Integer value) {
        return value == null ? null : value.toString();
    }

    static String bool(boolean value) {
        return Boolean.toString(value);
    }

    /** An optional text that says nothing: written as an empty cell, or left out of the descriptor. */
    static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
