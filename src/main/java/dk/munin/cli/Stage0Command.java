package dk.munin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.exif.Stage0Exif;
import dk.munin.exif.Stage0Settings;
import dk.munin.state.Json;
import dk.munin.state.RunState;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectNotFound;
import dk.munin.contract.storage.ObjectStore;
import org.apache.camel.main.Main;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * `munin stage0`: Stage-0 alone, as one process: lists and reads the photos, corrects their
 * clocks and writes stage0/images.jsonl under --output. For local folders it starts no
 * CamelContext at all (settings come straight from application.properties), so it is as quick
 * to start as a command-line tool; an s3:// location starts Camel for the S3 client.
 */
final class Stage0Command {

    static final String USAGE = """
            usage: munin stage0 --input URI --output URI [--time-zone ZONE] [--max-images N] [--manifest FILE]
              --input       folder, file: URI or s3://bucket/prefix/ holding the photos
              --output      folder or s3://bucket/prefix/; images.jsonl goes to <output>/stage0/
              --time-zone   the zone (or fixed offset) the camera clocks keep, e.g. Europe/Copenhagen
              --max-images  at most this many photos (default munin.manifest.default-max-images)
              --manifest    a manifest JSON for its time_zone and deployments table (docs/manifest.md);
                            the options above override its fields""";

    private final PrintStream out;
    private final Clock clock;
    private final Properties overrides;

    Stage0Command(PrintStream out, Clock clock, Properties overrides) {
        this.out = out;
        this.clock = clock;
        this.overrides = overrides;
    }

    /** @return the process exit code: 0 done, 1 failed, 2 wrong command line */
    int execute(List<String> args) {
        ObjectNode state;
        Properties settings;
        try {
            settings = settings();
            state = state(args, settings);
        } catch (RunOptions.UsageError e) {
            out.println("munin stage0: " + e.getMessage());
            out.println(USAGE);
            return 2;
        }
        Instant started = clock.instant();
        try {
            // local folders only: no S3 store, so no CamelContext to start
            JsonNode result = isS3(state) ? runWithCamel(state) : stage(new LocalFileStore(), settings).run(state);
            printSummary(result, Duration.between(started, clock.instant()));
            return 0;
        } catch (ObjectNotFound e) {
            out.println("✗ Stage-0 failed: there is no folder or prefix at " + state.path(RunState.INPUT_URI).asText());
            return 1;
        } catch (RuntimeException e) {
            out.println("✗ Stage-0 failed: " + e.getMessage());
            return 1;
        }
    }

    private Stage0Exif stage(ObjectStore store, Properties settings) {
        return new Stage0Exif(store, Stage0Settings.from(settings::getProperty), clock);
    }

    /** S3 needs camel-aws2-s3's client, configured by application.properties as for `munin run`. */
    private JsonNode runWithCamel(ObjectNode state) {
        Main camelMain = new Main();
        camelMain.setPropertyPlaceholderLocations(MuninCli.SETTINGS);
        overrides.forEach((key, value) -> camelMain.addOverrideProperty((String) key, (String) value));
        try {
            camelMain.start();
            return camelMain.getCamelContext().getRegistry().lookupByNameAndType("stage0Exif", Stage0Exif.class).run(state);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Munin could not start: " + e.getMessage(), e);
        } finally {
            camelMain.stop();
        }
    }

    private void printSummary(JsonNode result, Duration elapsed) {
        JsonNode summary = result.path(RunState.STAGE0);
        int photos = summary.path("photos_listed").asInt();
        double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-9);
        out.printf(Locale.ROOT, "✓ Stage-0: %d photos (%d read, %d failed, %d with issues) in %.2f s, %.0f photos/s, %d bytes read%n",
                photos, summary.path("photos_read").asInt(), summary.path("photos_failed").asInt(),
                summary.path("photos_with_issues").asInt(), seconds, photos / seconds, summary.path("bytes_read").asLong());
        if (photos == result.path(RunState.MAX_IMAGES).asInt()) {
            out.printf("  stopped at max_images = %d; use --max-images to read more%n", photos);
        }
        out.println("  " + result.path(RunState.STAGE0_OUTPUT_URI).asText());
    }

    private ObjectNode state(List<String> args, Properties settings) {
        ObjectNode state = JsonNodeFactory.instance.objectNode(); // not Json.object(): no ObjectMapper to start
        List<String> rest = new ArrayList<>(args);
        int manifestAt = rest.indexOf("--manifest");
        if (manifestAt >= 0) {
            state = readManifest(value(rest, manifestAt));
            rest.subList(manifestAt, manifestAt + 2).clear();
        }
        for (int i = 0; i < rest.size(); i += 2) {
            String option = rest.get(i);
            String value = value(rest, i);
            switch (option) {
                case "--input" -> state.put(RunState.INPUT_URI, value);
                case "--output" -> state.put(RunState.OUTPUT_URI, value);
                case "--time-zone" -> state.put("time_zone", value);
                case "--max-images" -> state.put(RunState.MAX_IMAGES, whole(option, value));
                default -> throw new RunOptions.UsageError("unknown option " + option);
            }
        }
        for (String required : List.of(RunState.INPUT_URI, RunState.OUTPUT_URI)) {
            if (!state.hasNonNull(required)) {
                throw new RunOptions.UsageError("--" + required.replace("_uri", "") + " is required");
            }
        }
        if (!state.hasNonNull(RunState.MAX_IMAGES)) {
            state.put(RunState.MAX_IMAGES, Integer.parseInt(settings.getProperty("munin.manifest.default-max-images").trim()));
        }
        return state;
    }

    /**
     * The same settings `munin run` sees: the jar's application.properties, the working
     * folder's (which wins) and -D system properties (which win over both).
     */
    private Properties settings() {
        Properties settings = new Properties();
        try (InputStream packaged = Stage0Command.class.getResourceAsStream("/application.properties")) {
            if (packaged != null) {
                settings.load(packaged);
            }
            Path local = Path.of("application.properties");
            if (Files.isRegularFile(local)) {
                try (Reader reader = Files.newBufferedReader(local)) {
                    settings.load(reader);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read application.properties", e);
        }
        System.getProperties().forEach((key, value) -> {
            if (settings.containsKey(key)) {
                settings.put(key, value);
            }
        });
        settings.putAll(overrides);
        return settings;
    }

    private static boolean isS3(ObjectNode state) {
        return Location.parse(state.path(RunState.INPUT_URI).asText()).isS3()
                || Location.parse(state.path(RunState.OUTPUT_URI).asText()).isS3();
    }

    private static ObjectNode readManifest(String file) {
        try {
            if (Json.parse(Files.readString(Path.of(file))) instanceof ObjectNode object) {
                return object;
            }
            throw new RunOptions.UsageError("the manifest " + file + " is not a JSON object");
        } catch (IOException e) {
            throw new RunOptions.UsageError("cannot read the manifest " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new RunOptions.UsageError("the manifest " + file + " is not valid JSON: " + e.getMessage());
        }
    }

    private static String value(List<String> args, int optionAt) {
        if (optionAt + 1 >= args.size() || args.get(optionAt + 1).startsWith("--")) {
            throw new RunOptions.UsageError(args.get(optionAt) + " needs a value");
        }
        return args.get(optionAt + 1);
    }

    private static int whole(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new RunOptions.UsageError(option + " must be a whole number, got " + value);
        }
    }
}
