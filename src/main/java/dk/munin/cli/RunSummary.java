package dk.munin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.contract.megadetector.DetectionStop;
import dk.munin.contract.storage.KeyRule;
import dk.munin.weather.WeatherGap;
import dk.munin.workflow.ExecutionResult;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code munin run} prints after a run that wrote its outputs, from the run report: a
 * successful one, or one that ended BudgetExhausted with outputs that cover the photos detected.
 */
final class RunSummary {

    private final PrintStream out;

    RunSummary(PrintStream out) {
        this.out = out;
    }

    void print(ExecutionResult result, JsonNode report) {
        out.printf(Locale.ROOT, "✓ Success: session %s in %s%n", result.output().path("session_id").asText(),
                ConsoleProgress.seconds(Duration.between(result.startDate(), result.stopDate())));
        printDetails(report, result.output().path("final_results"));
    }

    /**
     * A run whose detector stopped at its budget or max_runtime_min: one line on the error stream
     * says so (the report's budget_exhausted), then what the outputs hold, as after a success.
     */
    void printBudgetExhausted(PrintStream err, JsonNode report) {
        JsonNode exhausted = report.path("budget_exhausted");
        String why = DetectionStop.ofId(exhausted.path("reason").asText()).map(DetectionStop::inWords).orElse("a limit was reached");
        err.printf(Locale.ROOT, "✗ BudgetExhausted: detection stopped because %s after %d of %d photos; outputs cover those %d "
                        + "(run_report.json lists the %d not detected)%n", why, exhausted.path("photos_detected").asInt(),
                exhausted.path("photos").asInt(), exhausted.path("photos_detected").asInt(), exhausted.path("photos_not_detected").asInt());
        // a failed execution has no output: the report holds the same final_results
        printDetails(report, report.path("final_results"));
    }

    private void printDetails(JsonNode report, JsonNode finalResults) {
        JsonNode photos = report.path("photos");
        JsonNode detections = report.path("detections");
        JsonNode weather = report.path("weather");
        JsonNode budget = report.path("budget");
        out.printf(Locale.ROOT, "  photos      %d seen, %d read, %d failed%n",
                photos.path("seen").asInt(), photos.path("read").asInt(), photos.path("failed").asInt());
        for (JsonNode failed : photos.path("failed_photos")) {
            out.printf("                failed: %s (%s)%n", KeyRule.printable(failed.path("file").asText()), failed.path("error").asText());
        }
        JsonNode thresholds = detections.path("thresholds");
        out.printf(Locale.ROOT, "  detections  %d, %d counted in %d photos (%s thresholds: animal %s, person %s, vehicle %s)%n",
                detections.path("detections").asInt(), detections.path("detections_counted").asInt(),
                detections.path("photos_with_detections").asInt(), detections.path("model_family").asText(),
                thresholds.path("animal").asText(), thresholds.path("person").asText(), thresholds.path("vehicle").asText());
        if (detections.path("detector_failures").asInt() > 0) {
            out.printf(Locale.ROOT, "                %d photos the detector could not read (run_report.json lists them)%n",
                    detections.path("detector_failures").asInt());
        }
        JsonNode rules = detections.path("events_rules");
        out.printf(Locale.ROOT, "  events      %d independent records of %s (min_delta_time %s min, %s)%n",
                detections.path("events").asInt(), "folder".equals(detections.path("species_from").asText()) ? "species" : "categories",
                rules.path("min_delta_time").asText(), rules.path("delta_time_compared_to").asText());
        out.printf(Locale.ROOT, "  weather     %d events with weather, %d without (%s)%n",
                weather.path("events_with_weather").asInt(), weather.path("events_without_weather").asInt(),
                weather.path("provider").asText());
        for (Iterator<Map.Entry<String, JsonNode>> gaps = weather.path("without_weather").fields(); gaps.hasNext(); ) {
            Map.Entry<String, JsonNode> gap = gaps.next();
            String advice = WeatherGap.ofCode(gap.getKey()).map(WeatherGap::advice).orElse(gap.getKey());
            out.printf(Locale.ROOT, "                %d: %s%n", gap.getValue().asLong(), advice);
        }
        JsonNode actual = report.path("cost").path("actual");
        String spent = actual.isObject() ? String.format(Locale.ROOT, ", spent %.4f DKK (%s, %.3f CPU-hours)",
                actual.path("total_dkk").asDouble(), actual.path("mode").asText(), actual.path("cpu_hours").asDouble()) : "";
        out.printf(Locale.ROOT, "  cost        estimated %.4f DKK%s of budget %s DKK%n",
                budget.path("estimated_cost_dkk").asDouble(), spent, budget.path("budget_dkk").asText());
        out.printf("  results     %s%n              %s%n", finalResults.path("parquet_uri").asText(),
                finalResults.path("report_uri").asText());
        // the page to open first; a report written before report.html existed has none
        JsonNode page = report.path("report_html").path("uri");
        if (page.isTextual()) {
            out.printf("              %s (open it in a browser)%n", page.asText());
        }
    }
}
