package dk.munin.output.report;

import java.util.List;

/** The page's plain charts: horizontal bars (one or two series), the budget line, a histogram. */
final class Charts {

    /** One bar: its label, the value of each series (null: none), and the text shown beside it. */
    record Bar(String label, double[] values, String text) {
    }

    private static final int WIDTH = 640;
    private static final int LABEL_WIDTH = 170;
    private static final int ROW = 18;

    private Charts() {
    }

    /** Horizontal bars, one row per bar; with two series each row holds two thinner bars. */
    static String bars(String label, List<Bar> bars, List<String> series) {
        int seriesCount = series.size();
        int legend = seriesCount > 1 ? 20 : 0;
        int height = legend + bars.size() * ROW * seriesCount + 10;
        double max = bars.stream().flatMapToDouble(bar -> java.util.Arrays.stream(bar.values())).max().orElse(0);
        double scale = max > 0 ? (WIDTH - LABEL_WIDTH - 150) / max : 0;
        Svg svg = new Svg(WIDTH, height, label);
        if (seriesCount > 1) {
            for (int s = 0; s < seriesCount; s++) {
                svg.rect(LABEL_WIDTH + s * 160, 4, 12, 12, Svg.colour(s), null).text(LABEL_WIDTH + s * 160 + 16, 14, series.get(s), "start");
            }
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double top = legend + i * ROW * seriesCount;
            svg.text(LABEL_WIDTH - 6, top + ROW * seriesCount / 2.0 + 4, bar.label(), "end");
            for (int s = 0; s < seriesCount; s++) {
                double value = bar.values()[s];
                svg.rect(LABEL_WIDTH, top + s * ROW + 3, value * scale, ROW - 6, Svg.colour(s), bar.label() + " " + series.get(s));
            }
            double longest = java.util.Arrays.stream(bar.values()).max().orElse(0) * scale;
            svg.text(LABEL_WIDTH + longest + 6, top + ROW * seriesCount / 2.0 + 4, bar.text(), "start");
        }
        return svg.end();
    }

    /**
     * The budget as a line across one bar: what was estimated and what was spent, against the
     * most the run may cost. Tiny costs are drawn at least a pixel wide, so they show.
     */
    static String budgetLine(double budget, Double estimated, Double spent) {
        int height = 70;
        double top = Math.max(budget, Math.max(estimated == null ? 0 : estimated, spent == null ? 0 : spent));
        double scale = top > 0 ? (WIDTH - 40) / top : 0;
        Svg svg = new Svg(WIDTH, height, "budget line");
        svg.rect(20, 10, budget * scale, 14, "#eeeeee", "budget " + Html.num(budget, 2) + " DKK");
        if (estimated != null) {
            svg.rect(20, 10, Math.max(1, estimated * scale), 14, Svg.colour(0), "estimated " + Html.num(estimated, 4) + " DKK");
        }
        if (spent != null) {
            svg.rect(20, 28, Math.max(1, spent * scale), 14, Svg.colour(1), "spent " + Html.num(spent, 4) + " DKK");
        }
        double line = 20 + budget * scale;
        svg.line(line, 4, line, 48, "#c00", "4 2").text(Math.min(line, WIDTH - 4), 62, "budget " + Html.num(budget, 2) + " DKK", "end");
        svg.text(20, 62, "0", "start");
        return svg.end();
    }

    /** Counts of values in equal bins between their minimum and maximum, with the range under the axis. */
    static String histogram(String label, List<Double> values, int bins, String unit) {
        int width = 300;
        int height = 140;
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        int[] counts = new int[bins];
        double span = max - min;
        for (double value : values) {
            int bin = span == 0 ? 0 : (int) Math.min(bins - 1, Math.floor((value - min) / span * bins));
            counts[bin]++;
        }
        int highest = java.util.Arrays.stream(counts).max().orElse(0);
        double barWidth = (width - 20) / (double) bins;
        Svg svg = new Svg(width, height, label);
        for (int i = 0; i < bins; i++) {
            double h = highest == 0 ? 0 : counts[i] * 100.0 / highest;
            double from = min + span * i / bins;
            svg.rect(10 + i * barWidth + 1, 110 - h, barWidth - 2, h, Svg.colour(2),
                    counts[i] + " events from " + Html.num(from, 1) + " " + unit);
        }
        svg.line(10, 110, width - 10, 110, "#333", null);
        svg.text(10, 128, Html.num(min, 1) + " " + unit, "start").text(width - 10, 128, Html.num(max, 1) + " " + unit, "end");
        svg.text(width / 2.0, 128, "n = " + values.size(), "middle");
        return svg.end();
    }
}
