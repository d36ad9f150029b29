package dk.munin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.state.Json;
import dk.munin.testing.TestPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** `munin stage0`: Stage-0 alone as a command, on local folders (no CamelContext). */
class Stage0CommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final MuninCli cli = new MuninCli(new PrintStream(printed, true, StandardCharsets.UTF_8),
            Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC), new Properties());

    @Test
    void readsAFolderAndWritesImagesJsonlUnderTheOutput() throws Exception {
        TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 21, 14)).writeTo(dir.resolve("photos/S1/IMG_0001.JPG"));
        TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 21, 15)).writeTo(dir.resolve("photos/S1/IMG_0002.JPG"));
        Files.write(dir.resolve("photos/S1/IMG_0003.JPG"), new byte[0]);

        int exit = cli.execute(new String[] {"stage0", "--input", dir.resolve("photos").toString(),
                "--output", dir.resolve("out").toString(), "--time-zone", "+02:00"});

        assertThat(exit).isZero();
        assertThat(output()).contains("✓ Stage-0: 3 photos (2 read, 1 failed, 0 with issues)");
        List<JsonNode> lines = Files.readAllLines(dir.resolve("out/stage0/images.jsonl")).stream().map(Json::parse).toList();
        assertThat(lines).extracting(l -> l.path("datetime_utc").asText()).containsExactly("2024-06-01T19:14:00Z", "2024-06-01T19:15:00Z", "null");
    }

    @Test
    void takesTheZoneAndDeploymentsFromAManifestAndNamesABadField() throws Exception {
        TestPhotos.jpeg().taken(LocalDateTime.of(2023, 6, 1, 12, 0)).writeTo(dir.resolve("photos/S1/IMG_0001.JPG"));
        Path good = Files.writeString(dir.resolve("good.json"), """
                {"time_zone": "UTC", "deployments": [{"deployment_id": "D1", "station": "S1",
                  "time_corrections": [{"type": "offset", "offset": "+1y"}]}]}""");
        Path bad = Files.writeString(dir.resolve("bad.json"), """
                {"deployments": [{"deployment_id": "D1", "time_zone": "Mars/Olympus"}]}""");
        String[] common = {"--input", dir.resolve("photos").toString(), "--output", dir.resolve("out").toString()};

        int ok = cli.execute(concat(new String[] {"stage0", "--manifest", good.toString()}, common));
        int refused = cli.execute(concat(new String[] {"stage0", "--manifest", bad.toString()}, common));

        assertThat(ok).isZero();
        JsonNode line = Json.parse(Files.readAllLines(dir.resolve("out/stage0/images.jsonl")).get(0));
        assertThat(line.path("deployment_id").asText()).isEqualTo("D1");
        assertThat(line.path("datetime_utc").asText()).isEqualTo("2024-06-01T12:00:00Z");
        assertThat(refused).isEqualTo(2);
        assertThat(output()).contains("stage0: Manifest field 'deployments[0].time_zone'");
    }

    @Test
    void anOutputInsideTheInputIsRefusedBeforeAnythingIsWritten() {
        int exit = cli.execute(new String[] {"stage0", "--input", dir.resolve("photos").toString(),
                "--output", dir.resolve("photos/stage0-out").toString()});

        assertThat(exit).isEqualTo(2);
        assertThat(output()).contains("Manifest field 'output_uri', --output (make run OUTPUT=): is inside input_uri: output_uri file:" + dir.resolve("photos/stage0-out")
                + "/ is below input_uri file:" + dir.resolve("photos") + "/");
        assertThat(dir.resolve("photos/stage0-out")).doesNotExist();
    }

    @Test
    void aWrongCommandLineShowsTheUsage() {
        assertThat(cli.execute(new String[] {"stage0", "--output", dir.toString()})).isEqualTo(2);
        assertThat(output()).contains("Missing required option: '--input=URI'").contains("Usage: munin stage0");
        assertThat(cli.execute(new String[] {"stage0", "--input", "a", "--output", "b", "--budget", "3"})).isEqualTo(2);
        assertThat(output()).contains("Unknown options: '--budget', '3'");
        assertThat(cli.execute(new String[] {"stage0", "--input", dir.resolve("none").toString(), "--output", dir.toString() + "/o"}))
                .isEqualTo(1);
        assertThat(output()).contains("✗ Stage-0 failed: there is no folder or prefix at " + dir.resolve("none"));
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
