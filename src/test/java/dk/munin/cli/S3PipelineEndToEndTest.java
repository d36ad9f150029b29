package dk.munin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.contract.testing.EmbeddedS3;
import dk.munin.contract.testing.TinyOnnxModel;
import dk.munin.state.Json;
import dk.munin.testing.DuckDb;
import dk.munin.testing.TestPhotos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole workflow with photos and results in S3: the app through camel-aws2-s3 and the
 * detector process through its own S3 client, both against an embedded S3 server.
 */
class S3PipelineEndToEndTest {

    @TempDir
    Path dir;
    private EmbeddedS3 s3;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isReadable(Path.of("detector/target/munin-detector.jar")),
                "Skipped: needs the detector jar (`make test` and `make build` build it first)");
        s3 = EmbeddedS3.start("field-season");
    }

    @AfterEach
    void stop() throws Exception {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void readsPhotosFromS3AndWritesTheResultsThere() throws Exception {
        put("raw/StationA/IMG_0001.JPG", TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 21, 0)).bytes());
        put("raw/StationA/IMG_0002.JPG", TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 21, 5)).bytes());
        put("raw/StationA/empty.JPG", new byte[0]);
        Path model = TinyOnnxModel.fastestDetWithOneCat(dir.resolve("tiny.onnx"), 0.8f);
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        Properties settings = s3.camelProperties();
        settings.setProperty("munin.weather.providers", "none");
        int exit;
        try (PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            exit = new MuninCli(out, Clock.systemUTC(), settings).execute(new String[]{"run",
                    "--input", "s3://field-season/raw/", "--output", "s3://field-season/results/",
                    "--budget-dkk", "5", "--model", model.toString()});
        }

        assertThat(exit).as(console.toString(StandardCharsets.UTF_8)).isZero();
        Path parquet = Files.write(dir.resolve("clusters.parquet"), get("results/clusters.parquet"));
        assertThat(DuckDb.query("SELECT photo_count, files FROM read_parquet($file)", parquet))
                .singleElement().satisfies(row -> assertThat(row.get("photo_count")).isEqualTo(2));
        JsonNode report = Json.parse(get("results/run_report.json"));
        assertThat(report.path("photos").path("failed_photos").get(0).path("uri").asText()).isEqualTo("s3://field-season/raw/StationA/empty.JPG");
        assertThat(Json.parse(get("results/stage1/detections.json")).path("images")).hasSize(3);
        // report.html's thumbnail: the photo read from S3 and the small JPEG written there, both through the store
        assertThat(report.path("report_html").path("thumbnails").asInt()).isEqualTo(1);
        String page = new String(get("results/report.html"), StandardCharsets.UTF_8);
        assertThat(page).contains("src=\"report/photo-00001.jpg\"");
        assertThat(javax.imageio.ImageIO.read(new ByteArrayInputStream(get("results/report/photo-00001.jpg"))).getWidth()).isPositive();
    }

    private void put(String key, byte[] content) {
        s3.blobs().putBlob(PutObjectRequest.builder().bucket("field-season").key(key).build(), new ByteArrayInputStream(content));
    }

    private byte[] get(String key) throws Exception {
        try (ResponseInputStream<GetObjectResponse> in = s3.blobs().getBlob("field-season", key)) {
            return in.readAllBytes();
        }
    }
}
