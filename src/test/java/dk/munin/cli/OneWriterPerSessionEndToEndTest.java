package dk.munin.cli;

import dk.munin.contract.testing.SharedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Two `munin run` of one session started together, each in its own JVM: one runs, the other is refused and writes nothing. */
class OneWriterPerSessionEndToEndTest {

    private static final Path DETECTOR_JAR = Path.of("detector", "target", "munin-detector.jar");
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    Path dir;
    private final List<MuninProcess> started = new ArrayList<>();

    @BeforeEach
    void detectorIsBuilt() {
        assumeTrue(Files.isReadable(DETECTOR_JAR),
                "Skipped: needs the detector jar at " + DETECTOR_JAR.toAbsolutePath() + " (`make test` and `make build` build it first)");
    }

    @AfterEach
    void stopAll() {
        for (MuninProcess run : started) {
            run.process().descendants().forEach(ProcessHandle::destroyForcibly);
            run.process().destroyForcibly();
        }
    }

    @Test
    void ofTwoConcurrentRunsOfOneSessionOneRunsAndTheOtherIsRefused() throws Exception {
        Path photos = SharedData.image("camtrapR_sabah");
        Path model = SharedData.fastestDet();
        Path output = dir.resolve("results");
        for (String name : List.of("first.txt", "second.txt")) {
            // one detector thread: the run lasts well past the other JVM's start
            started.add(MuninProcess.start(dir.resolve(name), Map.of("DETECTOR_THREADS", "1"), "--input", photos.toString(),
                    "--output", output.toString(), "--budget-dkk", "25", "--mode", "LOCAL", "--time-zone", "Asia/Kuala_Lumpur",
                    "--session-id", "sabah-2009", "--model", model.toString()));
        }
        List<Integer> exits = new ArrayList<>();
        for (MuninProcess run : started) {
            assertThat(run.process().waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
            exits.add(run.process().exitValue());
        }

        assertThat(exits).as(started.get(0).console() + "\n----\n" + started.get(1).console())
                .containsExactlyInAnyOrder(MuninCli.OK, MuninCli.SESSION_BUSY);
        MuninProcess refused = started.get(exits.indexOf(MuninCli.SESSION_BUSY));
        MuninProcess ran = started.get(exits.indexOf(MuninCli.OK));
        assertThat(refused.console())
                .contains("✗ Session sabah-2009 is already being run by process " + ran.process().pid() + " on ")
                .contains("Wait for that run to end")
                .doesNotContain("→ ");
        assertThat(ran.console()).contains("✓ Success: session sabah-2009");
        assertThat(output.resolve("run_report.json")).exists();
        assertThat(output.resolve("_work/sabah-2009/lease")).doesNotExist();
    }
}
