package dk.munin.output.report;

import java.util.List;
import java.util.Locale;

/**
 * An inline SVG drawing, written as text: the page's charts are the app's own drawings, so the page
 * needs no script and no network, and a chart of 10,000 events is a few hundred elements.
 */
final class Svg {

    /** Colours that stay apart for the colour-blind (ColorBrewer Dark2), by position. */
    private static final List<String> PALETTE = List.of("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02",
            "#a6761d", "#666666");

    private final StringBuilder out = new StringBuilder();

    /** @param label what the drawing shows, for screen readers and the test's look-up */
    Svg(int width, int height, String label) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"").append(Html.esc(label)).append("\">");
    }

    /** The colour of the n-th series. */
    static String colour(int index) {
        return PALETTE.get(Math.floorMod(index, PALETTE.size()));
    }

    /** The colour of a MegaDetector category, the same in every chart and on the photos. */
    static String categoryColour(String category) {
        return switch (category == null ? "" : category) {
            case "animal" -> colour(0);
            case "person" -> colour(1);
            case "vehicle" -> colour(2);
            default -> colour(3);
        };
    }

    Svg rect(double x, double y, double w, double h, String fill, String title) {
        out.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(Math.max(0, w)))
                .append("\" height=\"").append(n(Math.max(0, h))).append("\" fill=\"").append(fill).append('"');
        return titled(title, "rect");
    }

    Svg line(double x1, double y1, double x2, double y2, String stroke, String dash) {
        out.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(stroke).append('"');
        if (dash != null) {
            out.append(" stroke-dasharray=\"").append(dash).append('"');
        }
        out.append("/>");
        return this;
    }

    Svg circle(double cx, double cy, double r, String fill, String title) {
        out.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append("\" fill=\"").append(fill).append("\" fill-opacity=\"0.8\" stroke=\"#333\"");
        return titled(title, "circle");
    }

    /** @param anchor start, middle or end */
    Svg text(double x, double y, String text, String anchor) {
        out.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"").append(anchor)
                .append("\">").append(Html.esc(text)).append("</text>");
        return this;
    }

    /** A polyline through the points (x0, y0, x1, y1, ...). */
    Svg polyline(double[] points, String stroke) {
        out.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(stroke).append("\" points=\"");
        for (int i = 0; i + 1 < points.length; i += 2) {
            out.append(n(points[i])).append(',').append(n(points[i + 1])).append(' ');
        }
        out.append("\"/>");
        return this;
    }

    String end() {
        return out.append("</svg>").toString();
    }

    private Svg titled(String title, String element) {
        if (title == null) {
            out.append("/>");
        } else {
            out.append("><title>").append(Html.esc(title)).append("</title></").append(element).append('>');
        }
        return this;
    }

    private static String n(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
