package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.state.Json;
import dk.munin.testing.NodeTools;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The npm tools in tools/asl: aws-local-stepfunctions (through run-asl.mjs) as an independent ASL
 * interpreter, and asl-validator. {@code make test} installs them ({@code npm ci} in tools/asl)
 * where npm exists; without Node or without the install, the tests that need them are skipped
 * and say which of the two is missing ({@link Installed}).
 */
final class LocalStepFunctions {

    static final Path TOOLS = Path.of("tools/asl");
    private static final long TIMEOUT_SECONDS = 60;

    private LocalStepFunctions() {
    }

    /** Runs the test class only where Node and the npm tools are there; otherwise says which is missing. */
    static final class Installed implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return tools().condition("Node and tools/asl/node_modules are installed");
        }
    }

    private static NodeTools tools() {
        return new NodeTools(TOOLS, List.of("aws-local-stepfunctions", "asl-validator"),
                "the checks against aws-local-stepfunctions and asl-validator", "or run npm ci in tools/asl");
    }

    /** Runs definitions in one Node process; runs and answers are described in tools/asl/run-asl.mjs. */
    static List<JsonNode> run(List<JsonNode> runs) {
        Finished finished = execute(List.of("node", "--import", "./polyfill.mjs", "run-asl.mjs"), Json.write(runs), false);
        if (finished.exitCode() != 0) {
            throw new IllegalStateException("run-asl.mjs failed (" + finished.exitCode() + "): " + finished.output()
                    + " " + finished.errors());
        }
        List<JsonNode> answers = new ArrayList<>();
        Json.parse(finished.output()).forEach(answers::add);
        return answers;
    }

    /** Runs asl-validator on the files; the exit code is 0 only when every one is valid. */
    static Finished validate(List<Path> definitions) {
        List<String> command = new ArrayList<>(List.of("npx", "--no-install", "asl-validator"));
        for (Path definition : definitions) {
            command.add("--json-path");
            command.add(definition.toAbsolutePath().toString());
        }
        return execute(command, "", true);
    }

    /** How a tool ended: its exit code, its standard output, and its standard error unless merged into the output. */
    record Finished(int exitCode, String output, String errors) {
    }

    /** Errors go to a file rather than a pipe, so a chatty tool cannot block on a full pipe we are not reading. */
    private static Finished execute(List<String> command, String stdin, boolean mergeErrors) {
        Path errors = null;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(TOOLS.toFile()).redirectErrorStream(mergeErrors);
            if (!mergeErrors) {
                errors = Files.createTempFile("asl-tool", ".err");
                builder.redirectError(errors.toFile());
            }
            Process process = builder.start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            String errorText = errors == null ? "" : Files.readString(errors, StandardCharsets.UTF_8).trim();
            return new Finished(process.exitValue(), output.trim(), errorText);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.get(0), e);
        } finally {
            if (errors != null) {
                errors.toFile().delete();
            }
        }
    }
}
