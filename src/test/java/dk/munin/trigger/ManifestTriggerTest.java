package dk.munin.trigger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.MuninBeans;
import dk.munin.contract.storage.Location;
import dk.munin.contract.testing.SharedData;
import dk.munin.contract.testing.TinyOnnxModel;
import dk.munin.state.Json;
import dk.munin.testing.LogCapture;
import dk.munin.testing.TestPhotos;
import dk.munin.workflow.ExecutionAlreadyExists;
import dk.munin.workflow.ExecutionHistoryRegistry;
import dk.munin.workflow.ExecutionListener;
import dk.munin.workflow.HistoryEntry;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The start-run route on the real routes and settings: a manifest dropped in a folder starts a
 * run; the route says where it watches, puts an unreadable manifest in .failed/ saying why, and
 * starts a failed one again when it is dropped again. Tests that use the real trigger URI from
 * application.properties only move its folder (munin.trigger.folder) here.
 */
class ManifestTriggerTest {

    private static final String EXECUTIONS = "arn:aws:states:eu-north-1:000000000000:execution:munin-pipeline:";
    private static final Path DETECTOR_JAR = Path.of("detector/target/munin-detector.jar");

    @TempDir
    Path dir;
    /** What the trigger says, and anything Camel would add to it. */
    @RegisterExtension
    final LogCapture log = LogCapture.of(TriggerLog.class, ManifestTrigger.class);
    @RegisterExtension
    final LogCapture camelLog = LogCapture.named("org.apache.camel");
    /** GuardBudget's refusal of a run (logger: the route id). */
    @RegisterExtension
    final LogCapture refusals = LogCapture.named("guard-budget");
    private final Main camel = new Main();

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aDroppedManifestStartsOneRunAndTheSameManifestAgainDoesNot() throws Exception {
        assumeTrue(Files.isReadable(DETECTOR_JAR), "Skipped: needs the detector jar (`make test` builds it)");
        TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 21, 0)).writeTo(dir.resolve("photos/S/IMG_0001.JPG"));
        Path manifests = Files.createDirectories(dir.resolve("manifests"));
        camel.addOverrideProperty("munin.trigger.enabled", "true");
        camel.addOverrideProperty("munin.trigger.uri", "file:" + manifests + "?include=.*\\.json&move=.started&initialDelay=0&delay=100");
        camel.addOverrideProperty("munin.detect.model", TinyOnnxModel.fastestDetWithOneCat(dir.resolve("tiny.onnx"), 0.9f).toString());
        camel.addOverrideProperty("munin.weather.providers", "none");
        camel.start();
        String manifest = """
                {"input_uri": "%s", "output_uri": "%s", "budget_dkk": 5}""".formatted(dir.resolve("photos"), dir.resolve("out"));

        drop(manifests.resolve("autumn.json"), manifest);
        Path report = dir.resolve("out/run_report.json");
        await(() -> Files.exists(report) && Files.exists(manifests.resolve(".started/autumn.json")));
        Files.delete(report);
        Files.delete(manifests.resolve(".started/autumn.json"));
        drop(manifests.resolve("autumn.json"), manifest);
        await(() -> Files.exists(manifests.resolve(".started/autumn.json")));

        assertThat(report).doesNotExist();
        assertThat(historyOf(ManifestTrigger.executionName("autumn.json", manifest))).contains("WriteParquet");
    }

    /**
     * Whole or not at all: this consumer has no read lock (it polls every 100 ms), so a file
     * written in place could be picked up still empty.
     */
    private static void drop(Path manifest, String content) throws IOException {
        Path partial = Files.writeString(manifest.resolveSibling(manifest.getFileName() + ".partial"), content);
        Files.move(partial, manifest, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void anEmptyFileOrJsonThatIsNoObjectIsUnreadableAndStartsNothing() {
        ManifestTrigger trigger = new ManifestTrigger(() -> {
            throw new AssertionError("no pipeline is made for a manifest that is not one");
        });

        assertThatThrownBy(() -> trigger.start("", "half-copied.json")).isInstanceOf(UnreadableManifest.class)
                .hasMessage("Manifest half-copied.json: the file is empty");
        assertThatThrownBy(() -> trigger.start("[1, 2]", "list.json")).isInstanceOf(UnreadableManifest.class)
                .hasMessage("Manifest list.json: it must be one JSON object, not array");
    }

    @Test
    void onceWatchingItSaysWhereAndHowToDropAManifest() {
        Path manifests = watchTheRealTriggerFolder();

        assertThat(log.lines()).containsExactly("INFO Watching folder " + manifests + "/ for manifests: to start a run, drop one there "
                + "(cp my-run.json " + manifests + "/; the format is in docs/manifest.md). Started manifests go to "
                + manifests.resolve(".started") + "/, unreadable ones to " + manifests.resolve(".failed") + "/");
    }

    @Test
    void aManifestThatIsNotJsonGoesToFailedAndOneLineSaysWhy() throws Exception {
        Path manifests = watchTheRealTriggerFolder();

        Files.writeString(manifests.resolve("typo.json"), "{\"input_uri\": \"photos/\",");
        await(() -> Files.exists(manifests.resolve(".failed/typo.json")) && !Files.exists(manifests.resolve("typo.json")));

        assertThat(manifests.resolve(".started/typo.json")).doesNotExist();
        assertThat(log.warnings()).singleElement(STRING)
                .startsWith("WARN Manifest typo.json: Not valid JSON: ")
                .endsWith("; it goes to " + manifests.resolve(".failed") + "/: fix it and drop it again");
        assertThat(camelLog.warnings()).as("no message history or stack trace from Camel besides that line").isEmpty();
    }

    @Test
    void aManifestWhoseRunFailedStartsAgainWhenDroppedAgain() throws Exception {
        assumeTrue(Files.isReadable(DETECTOR_JAR), "Skipped: needs the detector jar (`make test` builds it)");
        camel.addOverrideProperty("munin.detect.model", TinyOnnxModel.fastestDetWithOneCat(dir.resolve("tiny.onnx"), 0.9f).toString());
        camel.addOverrideProperty("munin.weather.providers", "none");
        Path manifests = watchTheRealTriggerFolder();
        Path photos = dir.resolve("photos");
        String manifest = """
                {"input_uri": "%s", "output_uri": "%s", "budget_dkk": 5}""".formatted(photos, dir.resolve("out"));
        String firstRun = ManifestTrigger.executionName("autumn.json", manifest);

        Files.writeString(manifests.resolve("autumn.json"), manifest);
        await(() -> Files.exists(manifests.resolve(".started/autumn.json")) && !historyOf(firstRun).isEmpty()
                && log.warnings().size() == 1);
        TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 21, 0)).writeTo(photos.resolve("S/IMG_0001.JPG"));
        Files.writeString(manifests.resolve("autumn.json"), manifest);
        await(() -> Files.exists(dir.resolve("out/run_report.json")) && !Files.exists(manifests.resolve("autumn.json")));

        assertThat(historyOf(firstRun)).contains("GuardBudget").doesNotContain("Stage0Exif");
        assertThat(historyOf(firstRun + "-2")).contains("WriteParquet");
        assertThat(log.warnings()).singleElement(STRING).isEqualTo("WARN Run " + firstRun + " for autumn.json ended FAILED: "
                + "InvalidManifest: Manifest field 'input_uri': there is no folder or prefix at " + photos
                + " (drop the manifest again to retry)");
        assertThat(log.lines()).contains("INFO Manifest autumn.json: starting run " + firstRun + "-2");
        assertThat(refusals.warnings()).containsExactly("WARN guard-budget refused the run: Manifest field 'input_uri': "
                + "there is no folder or prefix at " + photos);
        assertThat(manifests.resolve(".started/autumn.json")).hasContent(manifest);
    }

    /** A manifest that cannot be started for a reason Munin did not foresee: .failed/, with the error and its stack trace. */
    @Test
    void aManifestThatCannotBeStartedForAnotherReasonGoesToFailedWithTheError() throws Exception {
        Path manifests = watchTheRealTriggerFolder();
        String manifest = """
                {"input_uri": "%s", "output_uri": "%s", "budget_dkk": 5}""".formatted(dir.resolve("photos"), dir.resolve("out"));
        // the name the trigger will choose is taken already, as by an earlier run outside this trigger
        camel.getCamelContext().getRegistry().lookupByNameAndType(MuninBeans.PIPELINES, MuninBeans.Pipelines.class)
                .create(ExecutionListener.NONE).run(ManifestTrigger.executionName("clash.json", manifest), Json.parse(manifest));

        Files.writeString(manifests.resolve("clash.json"), manifest);
        await(() -> Files.exists(manifests.resolve(".failed/clash.json")) && !Files.exists(manifests.resolve("clash.json")));

        assertThat(log.lines()).last(STRING)
                .startsWith("ERROR Manifest clash.json could not be started; it goes to " + manifests.resolve(".failed") + "/: "
                        + ExecutionAlreadyExists.class.getName())
                .contains("\tat dk.munin.workflow.");
        assertThat(camelLog.warnings()).isEmpty();
    }

    /** README.md, "camel run": its example manifest, with the model its `make camel-run` line names, starts a run that succeeds. */
    @Test
    void theReadmesExampleManifestRunsAsWritten() throws Exception {
        assumeTrue(Files.isReadable(DETECTOR_JAR), "Skipped: needs the detector jar (`make test` builds it)");
        String section = readmeSection("### camel run");
        String model = find(section, "make camel-run MODEL=(\\S+)");
        Matcher drop = Pattern.compile("echo '(\\{.*})' > manifests/(\\S+\\.json)").matcher(section);
        assertThat(drop.find()).as("the README drops a manifest with echo '...' > manifests/<name>.json").isTrue();
        ObjectNode manifest = (ObjectNode) Json.parse(drop.group(1));
        SharedData.require(manifest.get("input_uri").asText().replaceFirst("^\\.\\./shared/data/", ""));
        // everything as written but where the results go: the test's own folder, not the README's
        manifest.put("output_uri", dir.resolve("out").toString());
        camel.addOverrideProperty("munin.detect.model", model);
        camel.addOverrideProperty("munin.weather.providers", "none");
        Path manifests = watchTheRealTriggerFolder();

        Files.writeString(manifests.resolve(drop.group(2)), Json.write(manifest));
        // the trigger logs the outcome after the report is written, so wait for the line itself
        Predicate<String> succeeded = line -> line.startsWith("INFO Run ") && line.endsWith(" for " + drop.group(2)
                + " succeeded; its report: " + Location.of(dir.resolve("out/run_report.json")).uri());
        await(() -> log.lines().stream().anyMatch(succeeded));

        assertThat(log.warnings()).isEmpty();
        assertThat(Json.parse(Files.readString(dir.resolve("out/run_report.json"))).at("/photos/seen").asInt())
                .as("photos the run saw").isPositive();
    }

    @Test
    void executionNamesFollowStepFunctionsRules() {
        String name = ManifestTrigger.executionName("manifests/Sabah 2009 (Station A).json", "{}");

        assertThat(name).matches("Sabah-2009--Station-A--[0-9a-f]{12}");
        assertThat(ManifestTrigger.executionName("x".repeat(200) + ".json", "{}")).hasSize(77).as("room for a retry's -NN within Step Functions' 80");
    }

    /** The trigger as application.properties configures it (readLock, .started, .failed), on a folder of the test's own. */
    private Path watchTheRealTriggerFolder() {
        Path manifests = dir.resolve("manifests");
        camel.addOverrideProperty("munin.trigger.enabled", "true");
        camel.addOverrideProperty("munin.trigger.folder", manifests.toString());
        camel.start();
        return manifests;
    }

    private List<String> historyOf(String executionName) {
        return camel.getCamelContext().getRegistry().findSingleByType(ExecutionHistoryRegistry.class)
                .historyOf(EXECUTIONS + executionName).stream().map(HistoryEntry::state).toList();
    }

    private static String readmeSection(String heading) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("\n" + heading + "\n");
        assertThat(start).as("README.md has a section %s", heading).isNotNegative();
        Matcher next = Pattern.compile("\n#{2,3} ").matcher(readme);
        return readme.substring(start, next.find(start + heading.length() + 2) ? next.start() : readme.length());
    }

    private static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("%s in the README", regex).isTrue();
        return matcher.group(1);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited 60 s for the trigger").isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
