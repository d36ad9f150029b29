package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.Settings;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The workflow definition run in this JVM: pipeline.asl.json with local substitutions, its
 * Lambda tasks bound to the stage routes and its Batch task to the detect route. Built from
 * application.properties, the same way for `make run` and for a manifest trigger.
 */
public final class EmbeddedPipeline {

    private final AslRunner runner;
    private final String source;

    private EmbeddedPipeline(AslRunner runner, String source) {
        this.runner = runner;
        this.source = source;
    }

    public static EmbeddedPipeline create(CamelContext camel, ExecutionListener listener) {
        Settings settings = new Settings(camel);
        Definition definition = definition(camel, settings);
        Map<String, String> substitutions = LocalSubstitutions.of(definition.text(),
                settings.text("munin.workflow.local-function-arn"),
                Map.of("DetectorJobQueueArn", settings.text("munin.workflow.local-job-queue-arn"),
                        "DetectorJobDefinitionArn", settings.text("munin.workflow.local-job-definition-arn")));
        StateMachine machine = StateMachine.parse(definition.text(), substitutions);
        ProducerTemplate template = camel.createProducerTemplate();
        AslRunner runner = AslRunner.builder(machine, settings.text("munin.workflow.local-state-machine-arn"))
                .binding(LambdaRouteBinding.RESOURCE, new LambdaRouteBinding(template, settings.text("munin.workflow.function-prefix")))
                .binding(RouteBinding.BATCH_SUBMIT_JOB_SYNC, new RouteBinding(template, settings.text("munin.workflow.batch-route")))
                .history(camel.getRegistry().findSingleByType(ExecutionHistoryRegistry.class))
                .listener(listener)
                .build();
        return new EmbeddedPipeline(runner, definition.source());
    }

    public ExecutionResult run(String executionName, JsonNode manifest) {
        return runner.run(executionName, manifest);
    }

    /** Where the definition was read from, for the user to see which file ran. */
    public String source() {
        return source;
    }

    private record Definition(String text, String source) {
    }

    /** The file in the checkout wins, so an edited definition runs without a rebuild; else the jar's copy. */
    private static Definition definition(CamelContext camel, Settings settings) {
        Path file = Path.of(settings.text("munin.workflow.definition"));
        try {
            if (Files.isReadable(file)) {
                return new Definition(Files.readString(file, StandardCharsets.UTF_8), file.toAbsolutePath().toString());
            }
            String fallback = settings.text("munin.workflow.definition-fallback");
            try (InputStream in = camel.getClassResolver().loadResourceAsStream(fallback.replaceFirst("^classpath:", ""))) {
                if (in == null) {
                    throw new IllegalStateException("No workflow definition at " + file.toAbsolutePath() + " nor " + fallback);
                }
                return new Definition(new String(in.readAllBytes(), StandardCharsets.UTF_8), fallback);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the workflow definition", e);
        }
    }
}
