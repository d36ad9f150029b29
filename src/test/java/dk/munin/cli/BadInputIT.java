package dk.munin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.contract.testing.JpegEdits;
import dk.munin.contract.testing.SharedData;
import dk.munin.state.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The specific bad inputs of issue 12 through {@code ./munin run} as a researcher starts it, a
 * process on a local folder with spaces and unicode in its name, so that the command line, Stage-0
 * and the detector process all meet them: a real 27 KB photo whose header declares 65,500 x 65,500
 * pixels, a 200 MB photo (a real one padded after its end), EXIF with 10,000 entries, the shared
 * truncated photo, and file names with spaces, unicode, a newline and leading dashes. Each is
 * recorded as read or failed with a reason; the run succeeds. Runs in `verify`, after `package`
 * made target/munin.jar (the launcher does not rebuild it).
 */
class BadInputIT {

    private static final long TIMEOUT_SECONDS = 300;
    private static final long PADDED_BYTES = 200L << 20;
    private static final String HUGE = "claims 65500x65500.jpg";
    private static final String PADDED = "padded to 200 MB.jpg";
    private static final String EXIF = "10000 exif entries.jpg";
    private static final String TRUNCATED = "african_elephants_truncated_file.jpg";
    private static final String WHOLE = "african_elephants.jpg";
    private static final List<String> NAMES = List.of("with spaces  in it.jpg", "Ünïcødé 日本 ø 🦉.jpg", "new\nline.jpg",
            "-leading-dash.jpg", "--input.jpg", "-");

    @TempDir
    static Path dir;
    private static Finished run;
    private static Map<String, JsonNode> lines;
    private static Map<String, JsonNode> entries;

    private record Finished(int exitCode, String console) {
    }

    @BeforeAll
    static void runMuninOnAFolderOfBadInput() throws Exception {
        if (!SharedData.available() || !SharedData.hasFastestDet()) {
            return;
        }
        Path input = Files.createDirectories(dir.resolve("Sabah 2024 – Ø/Station A"));
        byte[] small = Files.readAllBytes(SharedData.image("camtrapR_sabah_raw/StationA/IMG0002.JPG"));
        byte[] elephants = Files.readAllBytes(SharedData.image("speciesnet_test_data/" + WHOLE));
        Files.write(input.resolve(HUGE), JpegEdits.withFrameSize(small, 65_500, 65_500));
        JpegEdits.writePadded(elephants, PADDED_BYTES, input.resolve(PADDED));
        Files.write(input.resolve(EXIF), JpegEdits.withExifEntries(elephants, 10_000, 1));
        Files.copy(SharedData.image("speciesnet_test_data/" + TRUNCATED), input.resolve(TRUNCATED));
        Files.write(input.resolve(WHOLE), elephants);
        for (String name : NAMES) {
            Files.write(input.resolve(name.equals("-") ? "-.jpg" : name), elephants);
        }
        Path output = dir.resolve("results ø");
        run = munin("run", "--input", input.getParent().toString(), "--output", output.toString(), "--mode", "LOCAL",
                "--budget-dkk", "5", "--model", SharedData.FASTESTDET.toString());
        lines = byName(Files.readAllLines(output.resolve("stage0/images.jsonl"), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank()).map(Json::parse).toList());
        entries = byName(elements(Json.parse(Files.readAllBytes(output.resolve("stage1/detections.json"))).get("images")));
    }

    @Test
    void theRunSucceedsAndEveryPhotoHasItsLineAndItsEntry() {
        requireRun();
        assertThat(run.exitCode()).as(run.console()).isZero();
        assertThat(lines.keySet()).containsExactlyInAnyOrderElementsOf(entries.keySet()).hasSize(5 + NAMES.size())
                .contains("new\nline.jpg", "-leading-dash.jpg", "Ünïcødé 日本 ø 🦉.jpg");
        assertThat(lines.values()).allSatisfy(line -> assertThat(line.path("error").isNull()).as(line.toString()).isTrue());
    }

    @Test
    void the27KbPhotoClaiming65500PixelsSquareIsRecordedAsTruncatedWithNoBoxes() {
        requireRun();
        assertThat(warnings(HUGE)).anyMatch(warning -> warning.startsWith("absurd dimensions 65500x65500 in the frame header"));
        assertThat(entries.get(HUGE).get("failure").asText()).startsWith("image access failure: truncated: the image data (")
                .contains("of the 65500x65500 pixels the header declares");
        assertThat(entries.get(HUGE).get("detections").isNull()).isTrue();
    }

    @Test
    void aSlightlyTruncatedPhotoGetsDetectionsFromTheRowsThereOnlyAndIsFlagged() {
        requireRun();
        JsonNode truncated = entries.get(TRUNCATED);
        assertThat(truncated.get("truncated").asText()).startsWith("the image data ends after 1328 of the photo's 1536 rows (86 %");
        assertThat(truncated.get("detections")).isNotEmpty().allSatisfy(detection -> {
            JsonNode box = detection.get("bbox");
            assertThat(box.get(1).asDouble() + box.get(3).asDouble()).as("bottom of %s", box).isLessThanOrEqualTo(1328 / 1536.0 + 1e-4);
        });
        assertThat(entries.get(WHOLE).has("truncated")).isFalse();
    }

    @Test
    void a200MbPhotoIsNotReadByTheDetectorAndStageZeroReadsOnlyItsHead() {
        requireRun();
        assertThat(entries.get(PADDED).get("failure").asText())
                .isEqualTo("image access failure: too large: " + PADDED_BYTES + " bytes, more than DETECTOR_MAX_PHOTO_BYTES = " + (64L << 20));
        assertThat(lines.get(PADDED).path("bytes").asLong()).isEqualTo(PADDED_BYTES);
        assertThat(lines.get(PADDED).path("bytes_read").asLong()).isLessThan(1L << 20);
    }

    @Test
    void tenThousandExifEntriesAreReadByStageZeroAndTheDetector() {
        requireRun();
        assertThat(lines.get(EXIF).path("width").asInt()).isEqualTo(2048);
        assertThat(entries.get(EXIF).get("detections")).isNotEmpty();
    }

    @Test
    void namesWithSpacesUnicodeNewlinesAndLeadingDashesAreDetectedLikeAnyOther() {
        requireRun();
        int whole = entries.get(WHOLE).get("detections").size();
        for (String name : NAMES) {
            String file = name.equals("-") ? "-.jpg" : name;
            assertThat(entries.get(file).get("detections")).as(file).hasSize(whole);
            assertThat(lines.get(file).path("station").asText()).isEqualTo("Station A");
        }
    }

    private static List<String> warnings(String file) {
        return elements(lines.get(file).path("warnings")).stream().map(JsonNode::asText).toList();
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> elements = new ArrayList<>();
        array.elements().forEachRemaining(elements::add);
        return elements;
    }

    private static void requireRun() {
        SharedData.require("images");
        SharedData.fastestDet();
    }

    /** The photos by file name, without the folders above it (names are unique here). */
    private static Map<String, JsonNode> byName(List<JsonNode> nodes) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (JsonNode node : nodes) {
            String file = node.get("file").asText();
            byName.put(file.substring(file.lastIndexOf('/') + 1), node);
        }
        return byName;
    }

    /** {@code ./munin} from the checkout, as a researcher runs it; no weather (no network), no AWS. */
    private static Finished munin(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", SharedData.PROJECT_ROOT.resolve("munin").toString()));
        command.addAll(List.of(args));
        Path console = dir.resolve("console.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(console.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("MUNIN_") || name.startsWith("AWS_") || name.startsWith("DETECTOR_"));
        builder.environment().put("MUNIN_WEATHER_PROVIDERS", "none");
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("munin run did not finish in " + TIMEOUT_SECONDS + " s:\n" + Files.readString(console));
        }
        return new Finished(process.exitValue(), Files.readString(console, StandardCharsets.UTF_8));
    }
}
