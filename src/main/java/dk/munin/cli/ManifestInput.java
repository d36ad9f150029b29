package dk.munin.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.manifest.InvalidManifest;
import dk.munin.state.Json;
import dk.munin.state.RunState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A manifest as the command line gives it: a JSON file (--manifest), whose fields the options
 * override. Refusals name what the user typed: the option, and make's variable for it.
 */
final class ManifestInput {

    /** The option (and make run's variable) that sets each manifest field the command line can set. */
    private static final Map<String, String> OPTIONS = Map.of(
            RunState.MODE, "--mode (make run MODE=)",
            RunState.MAX_RUNTIME_MIN, "--max-runtime-min (make run MAX_RUNTIME_MIN=)",
            RunState.INPUT_URI, "--input (make run INPUT=)",
            RunState.OUTPUT_URI, "--output (make run OUTPUT=)",
            RunState.BUDGET_DKK, "--budget-dkk (make run BUDGET_DKK=)",
            RunState.MAX_IMAGES, "--max-images (make run MAX_IMAGES=)",
            RunState.TIME_ZONE, "--time-zone (make run TIME_ZONE=)",
            RunState.SESSION_ID, "--session-id");

    private ManifestInput() {
    }

    /** The manifest file's fields, or an empty manifest when there is no file. */
    static ObjectNode read(Path file) {
        if (file == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new BadInput("cannot read the manifest " + file + ": there is no such file");
        } catch (IOException e) {
            throw new BadInput("cannot read the manifest " + file + ": " + e.getMessage());
        }
        try {
            if (Json.parse(text) instanceof ObjectNode manifest) {
                return manifest;
            }
            throw new BadInput("the manifest " + file + " is not a JSON object (docs/manifest.md)");
        } catch (IllegalArgumentException e) {
            throw new BadInput("the manifest " + file + " is not valid JSON: " + e.getMessage());
        }
    }

    /** The refusal, with the option that sets the field when the command line can set it. */
    static String describe(InvalidManifest refusal) {
        String option = OPTIONS.get(refusal.field());
        return option == null ? refusal.getMessage()
                : refusal.getMessage().replaceFirst("^Manifest field '([^']*)'", "Manifest field '$1', " + option);
    }
}
