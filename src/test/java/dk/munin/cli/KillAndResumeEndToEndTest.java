package dk.munin.cli;

import dk.munin.contract.testing.SharedData;
import dk.munin.state.Json;
import dk.munin.testing.RunOutputs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static dk.munin.testing.RunReports.statesIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 12's resume, as a researcher meets it: `munin run` in its own JVM (the detector a process
 * of its own, FastestDet on the shared Sabah photos), killed with SIGKILL at every state of the
 * workflow in turn, inside the detector once it has saved a checkpoint, and inside WriteParquet
 * once it has written its first Parquet file. Each new `munin run` of the session continues where
 * the killed one stopped; the outputs at the end are those of a run that was never killed.
 */
class KillAndResumeEndToEndTest {

    private static final Path DETECTOR_JAR = Path.of("detector", "target", "munin-detector.jar");
    private static final long TIMEOUT_SECONDS = 120;
    private static final String SESSION = "sabah-2009";

    @TempDir
    Path dir;
    private final List<Process> started = new ArrayList<>();
    private Path photos;
    private Path model;

    @BeforeEach
    void sharedDataAndDetector() {
        assumeTrue(Files.isReadable(DETECTOR_JAR),
                "Skipped: needs the detector jar at " + DETECTOR_JAR.toAbsolutePath() + " (`make test` and `make build` build it first)");
        photos = SharedData.image("camtrapR_sabah");
        model = SharedData.fastestDet();
    }

    @AfterEach
    void noProcessLeftBehind() {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    void aSessionKilledAtEveryStateInTurnEndsWithTheOutputsOfARunNeverKilled() throws Exception {
        Path reference = dir.resolve("uninterrupted");
        MuninProcess whole = start(reference, "uninterrupted.txt");
        assertThat(whole.process().waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(whole.process().exitValue()).as(whole.console()).isZero();
        List<String> states = statesIn(Json.parse(Files.readAllBytes(reference.resolve("run_report.json"))));

        Path output = dir.resolve("killed");
        List<String> firstStates = new ArrayList<>();
        int runs = 0;
        // every state but the last, Success: it ends the execution, and a kill as it is entered lands before or after the end
        for (String state : states.subList(0, states.size() - 1)) {
            MuninProcess run = start(output, "run-" + ++runs + ".txt");
            firstStates.add(firstStateOf(run));
            if (state.equals("MergeDetections")) {
                // before the detector's state ends: once the detector has saved a checkpoint of its own
                long saved = checkpointsIn(output);
                killWhen(run, () -> checkpointsIn(output) > saved);
                run = start(output, "run-" + ++runs + ".txt");
                firstStates.add(firstStateOf(run));
            }
            if (state.equals("CheckDetectionStopped")) {
                // inside WriteParquet: one Parquet file is written, the others and the report are not
                killWhen(run, () -> Files.exists(output.resolve("detections.parquet")) && !Files.exists(output.resolve("run_report.json")));
                run = start(output, "run-" + ++runs + ".txt");
                firstStates.add(firstStateOf(run));
            }
            MuninProcess killed = run;
            killWhen(killed, () -> killed.console().contains("→ " + state + "\n"));
        }
        // the last kill, as the state before Success is entered, may land once the session has ended and cleared its journal
        boolean endedBeforeTheLastKill = journalEntriesIn(output) == 0;
        MuninProcess last = start(output, "run-" + ++runs + ".txt");
        assertThat(last.process().waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(last.process().exitValue()).as(last.console()).isZero();
        if (endedBeforeTheLastKill) {
            assertThat(firstStateOf(last)).as("a session that ended starts over").isEqualTo(states.get(0));
        } else {
            firstStates.add(firstStateOf(last));
        }

        // each run continued where the one before was killed: never earlier, and twice in the detector and in WriteParquet
        List<Integer> positions = firstStates.stream().map(states::indexOf).toList();
        assertThat(positions).as(firstStates.toString()).isSorted().doesNotContain(-1);
        assertThat(firstStates.stream().filter("SubmitBatchStage1"::equals).count()).as(firstStates.toString()).isGreaterThanOrEqualTo(2);
        assertThat(firstStates.stream().filter("WriteParquet"::equals).count()).as(firstStates.toString()).isGreaterThanOrEqualTo(2);
        assertThat(firstStates).last().isIn(endedBeforeTheLastKill ? List.of("WriteParquet") : List.of("CheckDetectionStopped", "Success"));
        String consoles = console("run-");
        assertThat(consoles).containsPattern("[1-9]\\d* resumed from checkpoints");
        assertThat(consoles.split("Munin: resuming session " + SESSION + " at ", -1)).hasSizeGreaterThan(states.size() - 2);
        Map<String, Object> expected = RunOutputs.read(reference).comparable(dir);
        Map<String, Object> actual = RunOutputs.read(output).comparable(dir);
        assertThat(actual.keySet()).isEqualTo(expected.keySet()).contains("clusters.parquet", "detections.parquet", "run_report.json");
        for (String file : expected.keySet()) {
            assertThat(actual.get(file)).as(file).isEqualTo(expected.get(file));
        }
        assertThat(RunOutputs.bookkeeping(output)).as("journal and lease gone once the session ended").isEmpty();
    }

    /** Waits for {@code moment}, then SIGKILLs `munin run` alone, as `kill -9` would, and checks its detector stopped too. */
    private void killWhen(MuninProcess run, BooleanSupplier moment) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!moment.getAsBoolean()) {
            if (!run.process().isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("The moment to kill never came (alive: " + run.process().isAlive() + "; checkpoints: "
                        + checkpointsIn(dir.resolve("killed")) + "):\n" + run.console());
            }
            Thread.sleep(2);
        }
        List<ProcessHandle> children = run.process().descendants().toList();
        new ProcessBuilder("kill", "-KILL", String.valueOf(run.process().pid())).inheritIO().start().waitFor();
        assertThat(run.process().waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        for (ProcessHandle child : children) {
            assertThat(child.onExit().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).isAlive()).as("the detector stops with munin").isFalse();
        }
    }

    /** The first state a run entered: where it resumed the session, or StartAt when it had nothing to resume. */
    private static String firstStateOf(MuninProcess run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            String console = run.console();
            int at = console.indexOf("→ ");
            int end = at < 0 ? -1 : console.indexOf('\n', at);
            if (end > 0) {
                return console.substring(at + 2, end);
            }
            if (!run.process().isAlive()) {
                break;
            }
            Thread.sleep(2);
        }
        throw new AssertionError("The run entered no state:\n" + run.console());
    }

    private static long journalEntriesIn(Path output) throws IOException {
        Path journal = output.resolve("_work/" + SESSION + "/execution");
        if (!Files.isDirectory(journal)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(journal)) {
            return files.filter(file -> file.getFileName().toString().matches("\\d{4}-.*\\.json")).count();
        }
    }

    /**
     * The detector's checkpoint files, counted by name: the detector writes one every two photos and
     * renames temporary files into place meanwhile, so a walk that stats each file would often fail.
     */
    private static long checkpointsIn(Path output) {
        return checkpointsBelow(output.resolve("stage1/checkpoints"));
    }

    private static long checkpointsBelow(Path folder) {
        long count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (entry.getFileName().toString().matches("part-\\d+-\\d+\\.json")) {
                    count++;
                } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    count += checkpointsBelow(entry);
                }
            }
        } catch (IOException | DirectoryIteratorException goneMeanwhile) {
            // not there yet, or removed by the detector as it finished
        }
        return count;
    }

    private String console(String prefix) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().toList()) {
                all.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    /** `munin run` of the session; the detector saves a checkpoint every 2 photos on one thread, so a kill can land between two. */
    private MuninProcess start(Path output, String consoleName) throws IOException {
        MuninProcess run = MuninProcess.start(dir.resolve(consoleName), Map.of("DETECTOR_CHECKPOINT_EVERY", "2", "DETECTOR_THREADS", "1"),
                "--input", photos.toString(), "--output", output.toString(), "--budget-dkk", "25", "--mode", "LOCAL",
                "--time-zone", "Asia/Kuala_Lumpur", "--session-id", SESSION, "--model", model.toString());
        started.add(run.process());
        return run;
    }
}
