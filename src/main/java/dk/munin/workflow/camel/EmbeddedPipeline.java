package dk.munin.workflow.camel;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.workflow.AslRunner;
import dk.munin.workflow.ExecutionHistoryRegistry;
import dk.munin.workflow.ExecutionJournal;
import dk.munin.workflow.ExecutionListener;
import dk.munin.workflow.ExecutionResult;
import dk.munin.workflow.LocalSubstitutions;
import dk.munin.workflow.StateMachine;
import dk.munin.workflow.objectstore.ObjectStoreBuckets;
import dk.munin.contract.storage.ObjectStore;
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

    /**
     * @param template sends the tasks to the stage routes
     * @param storage  where Distributed Map states list their items and write their results
     * @param history  where the runner keeps each execution's history, for the run report
     */
    public static EmbeddedPipeline create(ProducerTemplate template, WorkflowSettings settings, ObjectStore storage,
                                          ExecutionHistoryRegistry history, ExecutionListener listener) {
        Definition definition = definition(settings);
        StateMachine machine = parse(definition, settings);
        ObjectStoreBuckets buckets = settings.localBuckets().isEmpty() ? ObjectStoreBuckets.s3(storage)
                : ObjectStoreBuckets.local(storage, Path.of(settings.localBuckets()));
        AslRunner runner = AslRunner.builder(machine, settings.stateMachineArn())
                .binding(LambdaRouteBinding.RESOURCE, new LambdaRouteBinding(template, settings.functionPrefix()))
                .binding(RouteBinding.BATCH_SUBMIT_JOB_SYNC, new RouteBinding(template, settings.batchRoute()))
                .itemSource(buckets)
                .resultTarget(buckets)
                .mapThreadLimit(settings.mapMaxThreads())
                .history(history)
                .listener(listener)
                .build();
        return new EmbeddedPipeline(runner, definition.source());
    }

    /**
     * The workflow definition this process runs, or (in a Lambda function) was deployed from: the
     * same file, for what a stage needs to know of the workflow around it.
     */
    public static StateMachine workflow(WorkflowSettings settings) {
        return parse(definition(settings), settings);
    }

    private static StateMachine parse(Definition definition, WorkflowSettings settings) {
        Map<String, String> substitutions = LocalSubstitutions.of(definition.text(), settings.localFunctionArn(),
                Map.of("DetectorSpotJobQueueArn", settings.spotJobQueueArn(), "DetectorOnDemandJobQueueArn", settings.onDemandJobQueueArn(),
                        "DetectorJobDefinitionArn", settings.jobDefinitionArn()));
        return StateMachine.parse(definition.text(), substitutions);
    }

    public ExecutionResult run(String executionName, JsonNode manifest) {
        return runner.run(executionName, manifest);
    }

    /** Runs, or continues from what {@code journal} holds of an interrupted run (`munin run`). */
    public ExecutionResult run(String executionName, JsonNode manifest, ExecutionJournal journal) {
        return runner.run(executionName, manifest, journal);
    }

    /** Where the definition was read from, for the user to see which file ran. */
    public String source() {
        return source;
    }

    private record Definition(String text, String source) {
    }

    /** The file in the checkout wins, so an edited definition runs without a rebuild; else the jar's copy. */
    private static Definition definition(WorkflowSettings settings) {
        Path file = Path.of(settings.definition());
        try {
            if (Files.isReadable(file)) {
                return new Definition(Files.readString(file, StandardCharsets.UTF_8), file.toAbsolutePath().toString());
            }
            String fallback = settings.definitionFallback();
            try (InputStream in = EmbeddedPipeline.class.getClassLoader().getResourceAsStream(fallback.replaceFirst("^classpath:", ""))) {
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
