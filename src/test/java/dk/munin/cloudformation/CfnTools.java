package dk.munin.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.munin.testing.NodeTools;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * tools/cfn/check-template.mjs: the template checked against the CloudFormation registry schemas
 * (@aws-cdk/aws-service-spec), and the template as long-form JSON for the tests that read it.
 * {@code make test} installs it ({@code make cfn-tools}: npm ci in tools/cfn) where npm exists;
 * without Node or without the install the tests that need it are skipped and say which is missing.
 */
final class CfnTools {

    static final Path TOOLS = Path.of("tools/cfn");
    static final Path TEMPLATE = Path.of("cloudformation/pipeline.yaml");
    private static final long TIMEOUT_SECONDS = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CfnTools() {
    }

    /** Runs the test class only where Node and tools/cfn/node_modules are there; otherwise says which is missing. */
    static final class Installed implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return tools().condition("Node and tools/cfn/node_modules are installed");
        }
    }

    private static NodeTools tools() {
        return new NodeTools(TOOLS, List.of("@aws-cdk/aws-service-spec", "yaml"), "the CloudFormation template checks",
                "`make cfn-tools`, or npm ci in tools/cfn");
    }

    /** The checker's verdict on a template: its exit code and its findings. */
    record Verdict(int exitCode, JsonNode findings, String output) {
    }

    static Verdict check(Path template) {
        Finished finished = run(List.of("node", "check-template.mjs", template.toAbsolutePath().toString()));
        try {
            return new Verdict(finished.exitCode(), JSON.readTree(finished.output()).path("findings"), finished.output());
        } catch (IOException e) {
            throw new IllegalStateException("check-template.mjs did not answer JSON (" + finished.exitCode() + "): "
                    + finished.output() + " " + finished.errors(), e);
        }
    }

    /** The template in long form: short-form tags (!Ref, !Sub, ...) as {"Ref": ...}, {"Fn::Sub": ...}. */
    static JsonNode normalised(Path template) {
        Finished finished = run(List.of("node", "check-template.mjs", "--normalised", template.toAbsolutePath().toString()));
        if (finished.exitCode() != 0) {
            throw new IllegalStateException("check-template.mjs --normalised failed (" + finished.exitCode() + "): " + finished.errors());
        }
        try {
            return JSON.readTree(finished.output());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Finished(int exitCode, String output, String errors) {
    }

    /** Errors go to a file rather than a pipe, so the tool cannot block on a full pipe nobody reads. */
    private static Finished run(List<String> command) {
        Path errors = null;
        try {
            errors = Files.createTempFile("cfn-tool", ".err");
            Process process = new ProcessBuilder(command).directory(TOOLS.toFile()).redirectError(errors.toFile()).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Finished(process.exitValue(), output.trim(), Files.readString(errors, StandardCharsets.UTF_8).trim());
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
