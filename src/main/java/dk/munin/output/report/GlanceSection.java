package dk.munin.output.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The run at a glance, from run_report.json's own figures: counts, cost by component, time per state, the budget. */
final class GlanceSection {

    private GlanceSection() {
    }

    static String html(JsonNode report) {
        StringBuilder out = new StringBuilder("<section id=\"glance\"><h2>The run at a glance</h2>");
        out.append("<p class=\"meta\">Session <b>").append(Html.esc(report.path("session_id").asText()))
                .append("</b>, written ").append(Html.esc(report.path("generated_at").asText()))
                .append(". Photos from <code>").append(Html.esc(report.path("input_uri").asText()))
                .append("</code>; total run time ").append(total(report.path("timings").path("total_ms"))).append(".</p>");
        out.append("<div class=\"tiles\">");
        JsonNode photos = report.path("photos");
        JsonNode detections = report.path("detections");
        tile(out, "photos seen", photos.path("seen"));
        tile(out, "photos read", photos.path("read"));
        tile(out, "photos failed", photos.path("failed"));
        tile(out, "detections", detections.path("detections"));
        tile(out, "detections counted", detections.path("detections_counted"));
        tile(out, "records", detections.path("records"));
        tile(out, "events", detections.path("events"));
        out.append("</div>");
        out.append(budget(report));
        out.append(cost(report.path("cost")));
        out.append(durations(report.path("timings").path("per_state_ms")));
        return out.append("</section>").toString();
    }

    private static void tile(StringBuilder out, String label, JsonNode value) {
        out.append("<div class=\"tile\"><span class=\"v\">").append(value.isNumber() ? Html.count(value.asLong()) : "–")
                .append("</span><span class=\"l\">").append(Html.esc(label)).append("</span></div>");
    }

    private static String budget(JsonNode report) {
        JsonNode budget = report.path("budget").path("budget_dkk");
        Double estimated = number(report.path("cost").path("estimated").path("total_dkk"));
        Double spent = number(report.path("cost").path("actual").path("total_dkk"));
        StringBuilder out = new StringBuilder("<h3 id=\"budget\">Budget</h3><p>");
        if (!budget.isNumber()) {
            return out.append("No budget was given.</p>").toString();
        }
        out.append("Budget <b>").append(Html.num(budget.asDouble(), 2)).append(" DKK</b>, estimated ")
                .append(estimated == null ? "–" : Html.num(estimated, 4)).append(" DKK, spent ")
                .append(spent == null ? "–" : Html.num(spent, 4)).append(" DKK (")
                .append(Html.esc(report.path("cost").path("mode").asText("mode unknown"))).append(").</p>");
        return out.append(Charts.budgetLine(budget.asDouble(), estimated, spent)).toString();
    }

    /** Estimated against spent, per component of the price table, in the report's order. */
    private static String cost(JsonNode cost) {
        JsonNode estimated = cost.path("estimated").path("components");
        JsonNode actual = cost.path("actual").path("components");
        if (!estimated.isObject()) {
            return "<h3 id=\"cost\">Cost by component</h3><p>No cost estimate: CostEstimation did not run.</p>";
        }
        List<Charts.Bar> bars = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = estimated.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> component = it.next();
            double planned = component.getValue().path("dkk").asDouble();
            JsonNode measured = actual.path(component.getKey()).path("dkk");
            double spent = measured.asDouble();
            bars.add(new Charts.Bar(component.getKey(), new double[] {planned, spent},
                    Html.num(planned, 5) + " / " + (measured.isNumber() ? Html.num(spent, 5) : "–") + " DKK"));
        }
        return "<h3 id=\"cost\">Cost by component</h3>"
                + Charts.bars("cost estimated and spent by component", bars, List.of("estimated DKK", "spent DKK"));
    }

    private static String durations(JsonNode perState) {
        List<Charts.Bar> bars = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = perState.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> state = it.next();
            long millis = state.getValue().asLong();
            bars.add(new Charts.Bar(state.getKey(), new double[] {millis}, Html.duration(millis)));
        }
        if (bars.isEmpty()) {
            return "<h3 id=\"durations\">Duration per stage</h3><p>The execution's history could not be read.</p>";
        }
        return "<h3 id=\"durations\">Duration per stage</h3>" + Charts.bars("duration per stage", bars, List.of("ms"));
    }

    private static String total(JsonNode millis) {
        return millis.isNumber() ? Html.duration(millis.asLong()) : "unknown";
    }

    private static Double number(JsonNode value) {
        return value.isNumber() ? value.asDouble() : null;
    }
}
