package dk.munin.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.state.Json;
import dk.munin.state.RunState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of `munin run`: a manifest file, or its fields as options (an option also
 * overrides the file's field), plus the detector model. GuardBudget validates the result.
 */
record RunOptions(ObjectNode manifest, String model) {

    static final String USAGE = """
            usage: munin run [--manifest FILE] [--input URI] [--output URI] [--budget-dkk N]
                             [--max-images N] [--time-zone ZONE] [--session-id ID] [--model FILE]
              --manifest    a manifest JSON (docs/manifest.md); the options below override its fields
              --input       folder, file: URI or s3://bucket/prefix/ holding the photos
              --output      folder or s3://bucket/prefix/ for the results
              --budget-dkk  the most the run may cost, in DKK
              --max-images  at most this many photos
              --time-zone   the zone the camera clocks are set to, e.g. Europe/Copenhagen
              --session-id  name the session (default: derived from the manifest)
              --model       the detector's ONNX model (munin.detect.model)""";

    static RunOptions parse(List<String> args) {
        ObjectNode manifest = Json.object();
        String model = null;
        List<String> rest = new ArrayList<>(args);
        int manifestAt = rest.indexOf("--manifest");
        if (manifestAt >= 0) {
            manifest = readManifest(value(rest, manifestAt));
            rest.subList(manifestAt, manifestAt + 2).clear();
        }
        for (int i = 0; i < rest.size(); i += 2) {
            String option = rest.get(i);
            String value = value(rest, i);
            switch (option) {
                case "--input" -> manifest.put(RunState.INPUT_URI, value);
                case "--output" -> manifest.put(RunState.OUTPUT_URI, value);
                case "--budget-dkk" -> manifest.put(RunState.BUDGET_DKK, number(option, value));
                case "--max-images" -> manifest.put(RunState.MAX_IMAGES, whole(option, value));
                case "--time-zone" -> manifest.put("time_zone", value);
                case "--session-id" -> manifest.put(RunState.SESSION_ID, value);
                case "--model" -> model = value;
                default -> throw new UsageError("unknown option " + option);
            }
        }
        return new RunOptions(manifest, model);
    }

    private static String value(List<String> args, int optionAt) {
        if (optionAt + 1 >= args.size() || args.get(optionAt + 1).startsWith("--")) {
            throw new UsageError(args.get(optionAt) + " needs a value");
        }
        return args.get(optionAt + 1);
    }

    private static ObjectNode readManifest(String file) {
        try {
            if (Json.parse(Files.readString(Path.of(file))) instanceof ObjectNode object) {
                return object;
            }
            throw new UsageError("the manifest " + file + " is not a JSON object");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the manifest " + file, e);
        } catch (IllegalArgumentException e) {
            throw new UsageError("the manifest " + file + " is not valid JSON: " + e.getMessage());
        }
    }

    private static double number(String option, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UsageError(option + " must be a number, got " + value);
        }
    }

    private static long whole(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageError(option + " must be a whole number, got " + value);
        }
    }

    /** A mistake on the command line: exit code 2 and the usage text. */
    static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }
}
