package dk.munin.exif;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dk.munin.manifest.Deployment;
import dk.munin.manifest.DeploymentTable;
import dk.munin.manifest.Manifest;
import dk.munin.manifest.ManifestRulesTest;
import dk.munin.manifest.ManifestRules;
import dk.munin.state.Json;
import dk.munin.state.PhotoCounts;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/images-jsonl.md, docs/manifest.md and docs/time-correction.md held to the code. */
class Stage0DocsTest {

    private static final JsonMapper JSONC = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();

    @Test
    void theImagesJsonlExampleHasEveryFieldInTheOrderWritten() throws IOException {
        String doc = Files.readString(Path.of("docs", "images-jsonl.md"));
        JsonNode example = JSONC.readTree(codeBlock(doc, "jsonc"));

        assertThat(names(example)).containsExactlyElementsOf(names(Json.parse(Json.write(ImagesJsonlWriterTest.full()))));
        assertThat(Json.MAPPER.convertValue(example, PhotoRecord.class).file()).isEqualTo("StationA/CAM1/RCNX0033.JPG");
        assertThat(doc).contains("Format version `" + PhotoRecord.FORMAT_VERSION + "`");
        for (TimestampIssue issue : TimestampIssue.values()) {
            assertThat(doc).as("issue %s", issue).contains(issue.code());
        }
        JsonNode summary = Json.MAPPER.valueToTree(new PhotoCounts("s3://b/out/stage0/images.jsonl", PhotoRecord.FORMAT_VERSION,
                0, 0, 0, 0, 0, 0, 0, 0, Map.of(), Map.of()));
        for (String field : names(summary)) {
            if (!field.equals("format_version") && !field.equals("images_uri")) {
                assertThat(doc).as("summary field %s", field).contains("`" + field + "`");
            }
        }
    }

    @Test
    void theCameraOfTheImagesJsonlExampleIsTheOneStage0NamesAndCamerasMdNamesBothSettings() throws IOException {
        PhotoRecord example = Json.MAPPER.convertValue(JSONC.readTree(codeBlock(Files.readString(Path.of("docs", "images-jsonl.md")),
                "jsonc")), PhotoRecord.class);
        String cameras = Files.readString(Path.of("docs", "cameras.md"));
        Stage0Settings defaults = Stage0Fixtures.settings();
        CameraIdentity identity = new CameraIdentity(defaults.stationFolderLevel(), defaults.cameraFolderLevel());

        assertThat(identity.identify(example.file(), example.make(), example.model(), example.serialNumber(), example.userLabel())
                .camera()).isEqualTo(example.camera());
        assertThat(cameras).contains(Stage0Settings.STATION_FOLDER_LEVEL, Stage0Settings.CAMERA_FOLDER_LEVEL)
                .contains("StationA" + CameraIdentity.DEVICE_SEPARATOR + "RECONYX H500HH06211894");
    }

    @Test
    void theManifestExampleIsAValidManifestAndEveryDeploymentFieldIsDocumented() throws IOException {
        String doc = Files.readString(Path.of("docs", "manifest.md"));
        ManifestRules rules = new ManifestRules(ManifestRulesTest.DEFAULTS);

        Manifest manifest = rules.validate(JSONC.readTree(codeBlock(doc, "jsonc")));

        Deployment deployment = manifest.deployments().deployments().get(0);
        assertThat(deployment.corrections()).hasSize(2);
        assertThat(deployment.end()).isEqualTo(LocalDateTime.parse("2024-06-01T10:30:00")); // 09:30Z on the +01:00 clock
        List<String> fields = Stream.of(DeploymentTable.DEPLOYMENT_FIELDS, DeploymentTable.OFFSET_FIELDS,
                DeploymentTable.DRIFT_FIELDS, DeploymentTable.REFERENCE_FIELDS).flatMap(List::stream).distinct().toList();
        for (String field : fields) {
            assertThat(doc).as("field %s", field).contains("`" + field + "`");
        }
    }

    @Test
    void theTimeCorrectionDocExplainsEveryIssue() throws IOException {
        String doc = Files.readString(Path.of("docs", "time-correction.md"));

        for (TimestampIssue issue : TimestampIssue.values()) {
            assertThat(doc).as("issue %s", issue).contains("| `" + issue.code() + "` |");
        }
        assertThat(doc).contains(Stage0Settings.FACTORY_DEFAULT_DATES).contains(Stage0Settings.CAMERA_FOLDER_LEVEL);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static String codeBlock(String markdown, String language) {
        Matcher block = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        assertThat(block.find()).as("a ```%s block", language).isTrue();
        return block.group(1);
    }
}
