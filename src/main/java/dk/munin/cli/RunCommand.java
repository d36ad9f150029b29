package dk.munin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.MuninBeans;
import dk.munin.MuninSettings;
import dk.munin.contract.stage1.Stage1Files;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.contract.storage.StorageException;
import dk.munin.detect.DetectorDriver;
import dk.munin.detect.DetectorNotConfigured;
import dk.munin.manifest.InvalidManifest;
import dk.munin.manifest.Manifest;
import dk.munin.manifest.ManifestDefaults;
import dk.munin.manifest.ManifestRules;
import dk.munin.output.RunReport;
import dk.munin.session.SessionBusy;
import dk.munin.session.SessionJournal;
import dk.munin.session.SessionLease;
import dk.munin.state.Json;
import dk.munin.state.RunState;
import dk.munin.workflow.CannotResume;
import dk.munin.workflow.ExecutionResult;
import dk.munin.workflow.ExecutionStatus;
import dk.munin.workflow.camel.EmbeddedPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code munin run}: the whole workflow in this JVM. Starts Camel with the stage routes, runs
 * pipeline.asl.json in the embedded runner, prints each state and a summary. A manifest the
 * rules refuse, or a detector that cannot run (no model, or the default model cannot be
 * downloaded), stops it before any state runs (exit 2); the default model's download shows its
 * progress here, before the first state.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the whole workflow (pipeline.asl.json) on this machine. Give a manifest, its fields as options, or both.")
final class RunCommand implements Callable<Integer> {

    /** The Error of the definition's FailBudgetExhausted. */
    static final String BUDGET_EXHAUSTED = "BudgetExhausted";
    private static final DateTimeFormatter EXECUTION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @ParentCommand
    private MuninCli munin;

    @Option(names = "--manifest", paramLabel = "FILE", description = "a manifest JSON (docs/manifest.md); the options below override its fields")
    private Path manifestFile;
    @Option(names = "--input", paramLabel = "URI", description = "folder, file: URI or s3://bucket/prefix/ holding the photos")
    private String input;
    @Option(names = "--output", paramLabel = "URI", description = "folder or s3://bucket/prefix/ for the results")
    private String output;
    @Option(names = "--budget-dkk", paramLabel = "DKK", description = "the most the run may cost, in DKK")
    private Double budgetDkk;
    @Option(names = "--max-images", paramLabel = "N", description = "at most this many photos")
    private Long maxImages;
    @Option(names = "--mode", paramLabel = "MODE", description = "HYBRID (default: priced as on AWS) or LOCAL (0 DKK, reported in CPU-hours)")
    private String mode;
    @Option(names = "--max-runtime-min", paramLabel = "MINUTES", description = "the detector stops this long after the run's start")
    private Long maxRuntimeMin;
    @Option(names = "--time-zone", paramLabel = "ZONE", description = "the zone the camera clocks keep, e.g. Europe/Copenhagen or +01:00")
    private String timeZone;
    @Option(names = "--session-id", paramLabel = "ID", description = "name the session (default: derived from the manifest)")
    private String sessionId;
    @Option(names = "--restart", description = "start the session over: forget what an interrupted run of it completed "
            + "(its journal and the detector's checkpoints) instead of continuing from there")
    private boolean restart;
    @Option(names = "--model", paramLabel = "MODEL", description = "the detector's ONNX model: a path, s3:// or https:// "
            + "(munin.detect.model); without it, the default model (munin.detect.default-model.url) is downloaded once into the model cache")
    private String model;

    @Override
    public Integer call() {
        ObjectNode manifest = manifest();
        Properties overrides = new Properties();
        overrides.putAll(munin.overrides);
        if (model != null) {
            overrides.setProperty("munin.detect.model", model);
        }
        Manifest session;
        try {
            session = new ManifestRules(ManifestDefaults.from(CliSettings.of(overrides))).validate(manifest);
        } catch (InvalidManifest refused) {
            throw new BadInput(ManifestInput.describe(refused));
        }
        try (CliCamel camel = CliCamel.start(overrides)) {
            return run(camel, manifest, session);
        } catch (CliCamel.CouldNotStart e) {
            munin.err.println("✗ Munin could not start: " + e.getMessage());
            return MuninCli.RUN_FAILED;
        }
    }

    /** The manifest file's fields with the options' values over them. */
    private ObjectNode manifest() {
        ObjectNode manifest = ManifestInput.read(manifestFile);
        putIfGiven(manifest, RunState.INPUT_URI, input);
        putIfGiven(manifest, RunState.OUTPUT_URI, output);
        if (budgetDkk != null) {
            manifest.put(RunState.BUDGET_DKK, budgetDkk);
        }
        if (maxImages != null) {
            manifest.put(RunState.MAX_IMAGES, maxImages);
        }
        if (maxRuntimeMin != null) {
            manifest.put(RunState.MAX_RUNTIME_MIN, maxRuntimeMin);
        }
        putIfGiven(manifest, RunState.MODE, mode);
        putIfGiven(manifest, RunState.TIME_ZONE, timeZone);
        putIfGiven(manifest, RunState.SESSION_ID, sessionId);
        return manifest;
    }

    private static void putIfGiven(ObjectNode manifest, String field, String value) {
        if (value != null) {
            manifest.put(field, value);
        }
    }

    private int run(CliCamel camel, JsonNode manifest, Manifest session) {
        try {
            camel.bean(MuninBeans.DETECTOR, DetectorDriver.class).prepare(munin.out::println);
        } catch (DetectorNotConfigured e) {
            munin.err.println("✗ " + e.getMessage());
            return MuninCli.BAD_INPUT;
        }
        EmbeddedPipeline pipeline = camel.bean(MuninBeans.PIPELINES, MuninBeans.Pipelines.class).create(new ConsoleProgress(munin.out));
        munin.out.println("Munin: running " + pipeline.source());
        MuninSettings settings = camel.bean(MuninBeans.SETTINGS, MuninSettings.class);
        ObjectStore storage = camel.bean(MuninBeans.STORAGE, ObjectStore.class);
        Thread runThread = Thread.currentThread();
        // Open until the outcome is printed: a Ctrl-C hook waits for it, and the JVM exits once the hook returns.
        try (CancelOnShutdown ignored = CancelOnShutdown.forCurrentThread(settings.detect().cancelWait(), munin.out);
             SessionLease lease = SessionLease.acquire(storage, session.workFolder(), session.sessionId(), settings.session(), munin.clock,
                     () -> runThread.interrupt())) {
            removeWhatAKillLeft(storage, session, lease);
            SessionJournal journal = journal(storage, session, manifest);
            ExecutionResult result = pipeline.run("local-" + EXECUTION_TIME.format(munin.clock.instant()), manifest, journal);
            return outcome(storage, result, manifest);
        } catch (SessionBusy | SessionJournal.JournalUnreadable | CannotResume e) {
            munin.err.println("✗ " + e.getMessage());
            return MuninCli.SESSION_BUSY;
        } catch (StorageException e) {
            // the lease, the journal and the sweep come before the first state, so no state's Catch names this
            munin.err.println("✗ Run failed before its first state, in the session's work folder: " + e.getMessage());
            return MuninCli.RUN_FAILED;
        }
    }

    /**
     * A run killed while it wrote a file leaves that file's temporary copy; with the lease held no
     * run of the session writes now, so every one below the output folder is such a leftover. The
     * lease folder is spared: there, runs that want the session are creating theirs.
     */
    private void removeWhatAKillLeft(ObjectStore storage, Manifest session, SessionLease lease) {
        int removed = storage.removeUnfinishedWrites(Location.parse(session.outputUri()), lease.folder());
        if (removed > 0) {
            munin.out.println("Munin: removed " + removed + " unfinished file(s) an interrupted run left");
        }
    }

    /** The session's journal: what an interrupted run of it completed, unless --restart forgets it. */
    private SessionJournal journal(ObjectStore storage, Manifest session, JsonNode manifest) {
        if (restart) {
            SessionJournal.clear(storage, session.workFolder());
            storage.deleteAll(Stage1Files.checkpoints(Stage1Files.folder(Location.parse(session.outputUri()))));
            munin.out.println("Munin: --restart: session " + session.sessionId() + " starts over");
        }
        SessionJournal journal = SessionJournal.open(storage, session.workFolder(), manifest);
        journal.startOverReason().ifPresent(reason -> munin.out.println("Munin: " + reason));
        journal.resumePoint().ifPresent(point -> munin.out.printf("Munin: resuming session %s at %s: run %s (started %s) was interrupted"
                + " after %s; --restart starts over%n", session.sessionId(), point.nextState(), point.executionName(), point.startDate(),
                point.completedState()));
        return journal;
    }

    private int outcome(ObjectStore storage, ExecutionResult result, JsonNode manifest) {
        if (BUDGET_EXHAUSTED.equals(result.error())) {
            // A failed execution has no output: the report is where WriteParquet always writes it, under output_uri.
            Location report = Location.parse(manifest.path(RunState.OUTPUT_URI).asText()).resolve(RunReport.FILE_NAME);
            new RunSummary(munin.out).printBudgetExhausted(munin.err, Json.parse(storage.read(report)));
            return MuninCli.BUDGET_EXHAUSTED;
        }
        if (result.status() == ExecutionStatus.ABORTED) {
            munin.err.printf("✗ Run cancelled in %s: %s%n", failedState(result), result.cause());
            return MuninCli.CANCELLED;
        }
        if (!result.succeeded()) {
            munin.err.printf("✗ Run %s in %s: %s: %s%n", result.status().name().toLowerCase(Locale.ROOT), failedState(result),
                    result.error(), result.causeMessage());
            return MuninCli.RUN_FAILED;
        }
        JsonNode report = Json.parse(storage.read(Location.parse(result.output().path("final_results").path("report_uri").asText())));
        new RunSummary(munin.out).print(result, report);
        return MuninCli.OK;
    }

    private static String failedState(ExecutionResult result) {
        return result.history().isEmpty() ? "(no state)" : result.history().get(result.history().size() - 1).state();
    }
}
