package dk.munin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.MuninBeans;
import dk.munin.clock.Sleeper;
import dk.munin.contract.settings.Settings;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.state.Json;
import dk.munin.trigger.ManifestTrigger;
import dk.munin.workflow.ExecutionResult;
import dk.munin.workflow.StateMachineArn;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code munin follow}: watches a run of the deployed state machine (make run-aws) until it ends
 * and prints what {@code munin run} prints: the summary from its run report, or the state and
 * cause it failed with. Given the manifest that was dropped, it finds the execution by the name
 * the trigger derives from the manifest, so nothing has to be copied from the console.
 */
@Command(name = "follow", mixinStandardHelpOptions = true,
        description = "Follows a run on AWS Step Functions to its end and prints its outcome and cost (make run-aws).")
final class FollowCommand implements Callable<Integer> {

    @ParentCommand
    private MuninCli munin;

    @Option(names = "--state-machine", required = true, paramLabel = "ARN", description = "the stack's StateMachineArn output")
    private String stateMachineArn;

    @ArgGroup(multiplicity = "1")
    private Run run;

    @Option(names = "--manifest-uri", paramLabel = "URI",
            description = "where the manifest was dropped (s3://bucket/manifests/x.json): the trigger's refusal is looked for beside it")
    private String manifestUri;

    static final class Run {
        @Option(names = "--manifest", paramLabel = "FILE", description = "the manifest that was dropped; its run is found by its name and content")
        Path manifest;
        @Option(names = "--execution", paramLabel = "ARN", description = "the execution's ARN")
        String executionArn;
    }

    @Override
    public Integer call() throws InterruptedException {
        String executionArn = executionArn();
        try (CliCamel camel = CliCamel.start(munin.overrides)) {
            return follow(camel, executionArn);
        } catch (CliCamel.CouldNotStart e) {
            munin.err.println("✗ Munin could not start: " + e.getMessage());
            return MuninCli.RUN_FAILED;
        }
    }

    private String executionArn() {
        if (run.executionArn != null) {
            return run.executionArn;
        }
        String manifest;
        try {
            manifest = Files.readString(run.manifest, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInput("Cannot read the manifest " + run.manifest + ": " + e.getMessage());
        }
        try {
            return StateMachineArn.parse(stateMachineArn).executionId(ManifestTrigger.executionName(run.manifest.getFileName().toString(), manifest));
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage());
        }
    }

    private int follow(CliCamel camel, String executionArn) throws InterruptedException {
        Settings settings = CliSettings.of(munin.overrides);
        ObjectStore storage = camel.bean(MuninBeans.STORAGE, ObjectStore.class);
        DeployedExecution execution = new DeployedExecution(camel.context().createProducerTemplate(), Sleeper.REAL, munin.clock,
                Duration.ofMillis(settings.whole("munin.follow.poll-interval-ms")),
                Duration.ofSeconds(settings.integer("munin.follow.start-wait-seconds")), munin.out);
        munin.out.println("Munin: following " + executionArn);
        DeployedExecution.Outcome outcome = execution.follow(executionArn, () -> refusal(storage));
        if (outcome instanceof DeployedExecution.Outcome.Refused refused) {
            munin.err.println("✗ The trigger refused the manifest: " + refused.refusal());
            return MuninCli.BAD_INPUT;
        }
        if (outcome instanceof DeployedExecution.Outcome.NeverStarted never) {
            munin.err.printf(Locale.ROOT, "✗ No run started within %d s: look at the trigger function's log group "
                    + "(/aws/lambda/<prefix>start-execution) and the manifest's key (manifests/*.json)%n", never.waited().toSeconds());
            return MuninCli.RUN_FAILED;
        }
        ExecutionResult result = ((DeployedExecution.Outcome.Ended) outcome).result();
        if (RunCommand.BUDGET_EXHAUSTED.equals(result.error())) {
            munin.err.printf("✗ Run %s: %s%n", RunCommand.BUDGET_EXHAUSTED, result.causeMessage());
            return MuninCli.BUDGET_EXHAUSTED;
        }
        if (!result.succeeded()) {
            munin.err.printf("✗ Run %s: %s: %s%n", result.status().name().toLowerCase(Locale.ROOT), result.error(), result.causeMessage());
            return MuninCli.RUN_FAILED;
        }
        JsonNode report = Json.parse(storage.read(Location.parse(result.output().path("final_results").path("report_uri").asText())));
        new RunSummary(munin.out).print(result, report);
        return MuninCli.OK;
    }

    /** The .error.json the trigger writes beside a manifest it refuses. */
    private Optional<String> refusal(ObjectStore storage) {
        if (manifestUri == null) {
            return Optional.empty();
        }
        Location errorFile = Location.parse(manifestUri + ".error.json");
        return storage.exists(errorFile) ? Optional.of(new String(storage.read(errorFile), StandardCharsets.UTF_8)) : Optional.empty();
    }
}
