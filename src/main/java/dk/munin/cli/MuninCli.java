package dk.munin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.Settings;
import dk.munin.detect.DetectorDriver;
import dk.munin.detect.DetectorNotConfigured;
import dk.munin.state.Json;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.workflow.EmbeddedPipeline;
import dk.munin.workflow.ExecutionResult;
import dk.munin.workflow.ExecutionStatus;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;

/**
 * `munin run`: the whole workflow in this JVM. Starts Camel with the stage routes, runs
 * pipeline.asl.json in the embedded runner, prints each state and a summary, and exits 0 on
 * Success and 1 with the error when the run fails (2 for a wrong command line, 130 when Ctrl-C
 * cancelled it). `munin stage0` runs Stage-0 alone ({@link Stage0Command}).
 */
public final class MuninCli {

    /** Both the jar's settings and the checkout's application.properties, which wins, so edits need no rebuild. */
    static final String SETTINGS = "classpath:application.properties;optional=true,file:application.properties;optional=true";
    /** The exit code of a run stopped by Ctrl-C, as shells report a process ended by SIGINT. */
    static final int CANCELLED = 130;
    private static final DateTimeFormatter EXECUTION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final Clock clock;
    private final Properties overrides;

    /** @param overrides settings that win over application.properties (as -D options do) */
    MuninCli(PrintStream out, Clock clock, Properties overrides) {
        this.out = out;
        this.clock = clock;
        this.overrides = overrides;
    }

    public static void main(String[] args) {
        System.exit(new MuninCli(System.out, Clock.systemUTC(), new Properties()).execute(args));
    }

    int execute(String[] args) {
        if (args.length > 0 && "stage0".equals(args[0])) {
            return new Stage0Command(out, clock, overrides).execute(Arrays.asList(args).subList(1, args.length));
        }
        if (args.length == 0 || !"run".equals(args[0])) {
            out.println(RunOptions.USAGE);
            out.println(Stage0Command.USAGE);
            return 2;
        }
        RunOptions options;
        try {
            options = RunOptions.parse(Arrays.asList(args).subList(1, args.length));
        } catch (RunOptions.UsageError e) {
            out.println("munin: " + e.getMessage());
            out.println(RunOptions.USAGE);
            return 2;
        }
        Main camelMain = new Main();
        camelMain.setPropertyPlaceholderLocations(SETTINGS);
        overrides.forEach((key, value) -> camelMain.addOverrideProperty((String) key, (String) value));
        if (options.model() != null) {
            camelMain.addOverrideProperty("munin.detect.model", options.model());
        }
        try {
            camelMain.start();
            return run(camelMain.getCamelContext(), options.manifest());
        } catch (Exception e) {
            out.println("✗ Munin could not start: " + e.getMessage());
            return 1;
        } finally {
            camelMain.stop();
        }
    }

    private int run(CamelContext camel, JsonNode manifest) {
        try {
            camel.getRegistry().lookupByNameAndType("detector", DetectorDriver.class).checkConfigured();
        } catch (DetectorNotConfigured e) {
            out.println("✗ " + e.getMessage());
            return 1;
        }
        EmbeddedPipeline pipeline = EmbeddedPipeline.create(camel, new ConsoleProgress(out));
        out.println("Munin: running " + pipeline.source());
        Duration cancelWait = Duration.ofSeconds(new Settings(camel).whole("munin.detect.cancel-wait-seconds"));
        // Open until the outcome is printed: a Ctrl-C hook waits for it, and the JVM exits once the hook returns.
        try (CancelOnShutdown ignored = CancelOnShutdown.forCurrentThread(cancelWait, out)) {
            ExecutionResult result = pipeline.run("local-" + EXECUTION_TIME.format(clock.instant()), manifest);
            return outcome(camel, result);
        }
    }

    private int outcome(CamelContext camel, ExecutionResult result) {
        if (result.status() == ExecutionStatus.ABORTED) {
            out.printf("✗ Run cancelled in %s: %s%n", failedState(result), result.cause());
            return CANCELLED;
        }
        if (!result.succeeded()) {
            out.printf("✗ Run %s in %s: %s: %s%n", result.status().name().toLowerCase(Locale.ROOT), failedState(result),
                    result.error(), causeMessage(result.cause()));
            return 1;
        }
        printSummary(camel.getRegistry().lookupByNameAndType("storage", ObjectStore.class), result);
        return 0;
    }

    private void printSummary(ObjectStore storage, ExecutionResult result) {
        JsonNode finalResults = result.output().path("final_results");
        JsonNode report = Json.parse(storage.read(Location.parse(finalResults.path("report_uri").asText())));
        JsonNode photos = report.path("photos");
        JsonNode detections = report.path("detections");
        JsonNode weather = report.path("weather");
        JsonNode budget = report.path("budget");
        out.printf(Locale.ROOT, "✓ Success: session %s in %s%n", result.output().path("session_id").asText(),
                ConsoleProgress.seconds(Duration.between(result.startDate(), result.stopDate())));
        out.printf(Locale.ROOT, "  photos      %d seen, %d read, %d failed%n",
                photos.path("seen").asInt(), photos.path("read").asInt(), photos.path("failed").asInt());
        for (JsonNode failed : photos.path("failed_photos")) {
            out.printf("                failed: %s (%s)%n", failed.path("file").asText(), failed.path("error").asText());
        }
        out.printf(Locale.ROOT, "  detections  %d, %d at confidence >= %s in %d photos%n",
                detections.path("detections").asInt(), detections.path("detections_above_threshold").asInt(),
                detections.path("confidence_threshold").asText(), detections.path("photos_with_detections").asInt());
        out.printf(Locale.ROOT, "  events      %d (independent after %s min)%n",
                detections.path("events").asInt(), detections.path("event_gap_minutes").asText());
        out.printf(Locale.ROOT, "  weather     %d events with weather, %d without (%s)%n",
                weather.path("events_with_weather").asInt(), weather.path("events_without_weather").asInt(),
                weather.path("provider").asText());
        out.printf(Locale.ROOT, "  cost        estimated %.4f DKK of budget %s DKK%n",
                budget.path("estimated_cost_dkk").asDouble(), budget.path("budget_dkk").asText());
        out.printf("  results     %s%n              %s%n", finalResults.path("parquet_uri").asText(),
                finalResults.path("report_uri").asText());
    }

    private static String failedState(ExecutionResult result) {
        return result.history().isEmpty() ? "(no state)" : result.history().get(result.history().size() - 1).state();
    }

    /** A Lambda-style cause is JSON with errorMessage; a Fail state's or Batch's cause is plain text. */
    private static String causeMessage(String cause) {
        if (cause == null) {
            return "";
        }
        try {
            JsonNode parsed = Json.parse(cause);
            return parsed.hasNonNull("errorMessage") ? parsed.get("errorMessage").asText() : cause;
        } catch (IllegalArgumentException e) {
            return cause;
        }
    }

}
