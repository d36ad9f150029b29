package dk.munin.output.report;

import java.util.Locale;

/** Escaping and number formatting for the page: every text from a run (file names, reasons) passes through here. */
final class Html {

    private Html() {
    }

    /** Text safe in element content and in double-quoted attributes. */
    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A number with at most {@code digits} decimals, trailing zeros dropped; "–" for none. */
    static String num(Double value, int digits) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return "–";
        }
        String text = String.format(Locale.ROOT, "%." + digits + "f", value);
        if (text.contains(".")) {
            text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return text.equals("-0") ? "0" : text;
    }

    /** A count with thousands separators, as a researcher reads it. */
    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** Milliseconds as seconds or minutes. */
    static String duration(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 120_000) {
            return num(millis / 1000.0, 1) + " s";
        }
        return num(millis / 60_000.0, 1) + " min";
    }

    /** A table cell. */
    static String td(Object value) {
        return "<td>" + esc(value) + "</td>";
    }

    /** A right-aligned numeric table cell. */
    static String tdNum(String value) {
        return "<td class=\"n\">" + esc(value) + "</td>";
    }
}
