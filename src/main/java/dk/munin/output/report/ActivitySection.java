package dk.munin.output.report;

import dk.munin.cluster.Event;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Activity: the records per station and species over the survey's days (camtrapR's detection
 * history, as a grid), and the diel activity (records by hour of the camera's day, camtrapR's
 * activity plot) with the night shaded where sun times are known.
 */
final class ActivitySection {

    /** Above this many days a column of the grid holds several days, so the grid stays this wide at most. */
    private static final int MAX_COLUMNS = 120;
    /** Series in the diel plot: the commonest species; the rest are summed as "other". */
    private static final int DIEL_SERIES = 6;
    private static final String NIGHT = "#dde3ee";

    private ActivitySection() {
    }

    /** @param rows the most station-species rows the grid draws (munin.report.activity-rows) */
    static String html(List<Event> events, int rows) {
        StringBuilder out = new StringBuilder("<section id=\"activity\"><h2>Activity</h2>");
        List<Event> dated = events.stream().filter(event -> event.startLocal() != null && !event.timeUnusable()).toList();
        if (dated.isEmpty()) {
            return out.append("<p>No event has a usable time, so there is no activity to plot.</p></section>").toString();
        }
        out.append("<h3>Records per station and species over the survey days</h3>").append(grid(dated, rows));
        out.append("<h3>Diel activity</h3>").append(diel(dated));
        return out.append("</section>").toString();
    }

    private static String grid(List<Event> events, int maxRows) {
        LocalDate first = events.stream().map(event -> event.startLocal().toLocalDate()).min(Comparator.naturalOrder()).orElseThrow();
        LocalDate last = events.stream().map(event -> event.startLocal().toLocalDate()).max(Comparator.naturalOrder()).orElseThrow();
        long days = ChronoUnit.DAYS.between(first, last) + 1;
        long daysPerColumn = (days + MAX_COLUMNS - 1) / MAX_COLUMNS;
        int columns = (int) ((days + daysPerColumn - 1) / daysPerColumn);
        Map<String, int[]> byRow = new TreeMap<>();
        for (Event event : events) {
            int column = (int) (ChronoUnit.DAYS.between(first, event.startLocal().toLocalDate()) / daysPerColumn);
            byRow.computeIfAbsent(event.station() + " · " + event.species(), row -> new int[columns])[column]++;
        }
        List<Map.Entry<String, int[]>> shown = new ArrayList<>(byRow.entrySet()).subList(0, Math.min(maxRows, byRow.size()));
        int most = shown.stream().flatMapToInt(row -> java.util.Arrays.stream(row.getValue())).max().orElse(1);
        int label = 230;
        int cell = Math.max(3, Math.min(14, 640 / columns));
        Svg svg = new Svg(label + columns * cell + 10, shown.size() * 16 + 40, "records per station and species over the survey days");
        for (int r = 0; r < shown.size(); r++) {
            int[] counts = shown.get(r).getValue();
            svg.text(label - 6, r * 16 + 12, shown.get(r).getKey(), "end");
            svg.rect(label, r * 16 + 2, columns * cell, 13, "#f3f3f3", null);
            for (int c = 0; c < columns; c++) {
                if (counts[c] > 0) {
                    LocalDate from = first.plusDays(c * daysPerColumn);
                    svg.rect(label + c * cell, r * 16 + 2, Math.max(1, cell - 1), 13,
                            shade(counts[c], most), counts[c] + " records from " + from + (daysPerColumn > 1 ? " (" + daysPerColumn + " days)" : ""));
                }
            }
        }
        double axis = shown.size() * 16 + 18;
        svg.text(label, axis, first.toString(), "start").text(label + columns * cell, axis, last.toString(), "end");
        StringBuilder out = new StringBuilder(svg.end()).append("<p class=\"note\">").append(Html.count(days)).append(" days from ")
                .append(first).append(" to ").append(last).append(daysPerColumn > 1 ? ", " + daysPerColumn + " days a column" : ", a day a column")
                .append("; darker is more records.");
        if (byRow.size() > shown.size()) {
            out.append(" The first ").append(shown.size()).append(" of ").append(byRow.size())
                    .append(" station-species rows are drawn (munin.report.activity-rows).");
        }
        return out.append("</p>").toString();
    }

    private static String diel(List<Event> events) {
        Map<String, Integer> totals = new LinkedHashMap<>();
        events.forEach(event -> totals.merge(event.species(), 1, Integer::sum));
        List<String> series = totals.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(DIEL_SERIES).map(Map.Entry::getKey).toList();
        Map<String, int[]> hourly = new LinkedHashMap<>();
        series.forEach(species -> hourly.put(species, new int[24]));
        for (Event event : events) {
            String name = hourly.containsKey(event.species()) ? event.species() : "other";
            hourly.computeIfAbsent(name, other -> new int[24])[event.startLocal().getHour()]++;
        }
        int width = 640;
        int height = 220;
        double left = 40;
        double plot = width - left - 150;
        double hour = plot / 24;
        Svg svg = new Svg(width, height, "diel activity");
        Optional<LocalSun.Times> sun = LocalSun.over(events);
        sun.ifPresent(times -> {
            String night = "night from " + LocalSun.clock(times.sunset()) + " to " + LocalSun.clock(times.sunrise());
            if (times.sunrise() < times.sunset()) {
                svg.rect(left, 10, times.sunrise() * hour, 170, NIGHT, night);
                svg.rect(left + times.sunset() * hour, 10, (24 - times.sunset()) * hour, 170, NIGHT, night);
            } else {
                // a camera clock far from local solar time (a time zone of elsewhere): the night falls within the clock's day
                svg.rect(left + times.sunset() * hour, 10, (times.sunrise() - times.sunset()) * hour, 170, NIGHT, night);
            }
        });
        int most = hourly.values().stream().flatMapToInt(java.util.Arrays::stream).max().orElse(1);
        int index = 0;
        for (Map.Entry<String, int[]> species : hourly.entrySet()) {
            double[] points = new double[48];
            for (int h = 0; h < 24; h++) {
                points[2 * h] = left + (h + 0.5) * hour;
                points[2 * h + 1] = 180 - species.getValue()[h] * 160.0 / most;
            }
            String colour = Svg.colour(index);
            svg.polyline(points, colour);
            svg.rect(left + plot + 14, 14 + index * 18, 12, 12, colour, null)
                    .text(left + plot + 30, 24 + index * 18, species.getKey() + " (" + java.util.Arrays.stream(species.getValue()).sum() + ")", "start");
            index++;
        }
        svg.line(left, 180, left + plot, 180, "#333", null);
        for (int h = 0; h <= 24; h += 6) {
            svg.text(left + h * hour, 196, String.format(java.util.Locale.ROOT, "%02d:00", h), "middle");
        }
        svg.text(left - 6, 24, Integer.toString(most), "end").text(left - 6, 180, "0", "end");
        String note = sun.map(times -> "Records per hour of the camera's clock. Shaded: night, " + times.describe()
                        + " (mean over the " + times.events() + (times.events() == 1 ? " event" : " events") + " with a position and a UTC time).")
                .orElse("Records per hour of the camera's clock. No sun times: no event has both a position and a UTC time.");
        return svg.end() + "<p class=\"note\">" + Html.esc(note) + "</p>";
    }

    /** Darker green for more records in a cell. */
    private static String shade(int count, int most) {
        double share = most <= 1 ? 1 : 0.25 + 0.75 * (count - 1) / (double) (most - 1);
        int light = (int) Math.round(220 - share * 170);
        return String.format(java.util.Locale.ROOT, "rgb(%d,%d,%d)", light / 3, light, light / 2);
    }
}
