package dk.munin.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.budget.BudgetExceeded;
import dk.munin.manifest.InvalidManifest;
import dk.munin.state.Json;
import dk.munin.testing.LogCapture;
import dk.munin.testing.TestPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Lambda entry point on the real routes and application.properties (the jar's copy). */
class StageHandlerTest {

    @TempDir
    Path dir;
    /** The route's log step names the refusal (logger: the route id); asserted here, not printed. */
    @RegisterExtension
    final LogCapture log = LogCapture.named("guard-budget");

    @Test
    void answersWithTheStagesNewState() throws IOException {
        TestPhotos.jpeg().writeTo(dir.resolve("photos/S/IMG_0001.JPG"));

        JsonNode state = Json.parse(invoke("guard-budget", manifest(25)));

        assertThat(state.path("session_id").asText()).startsWith("run-");
        assertThat(state.path("guard_budget").path("guard_estimate").path("file_count").asInt()).isEqualTo(1);
    }

    @Test
    void rethrowsTheStagesErrorSoLambdaReportsItsClassName() {
        TestPhotos.jpeg().writeTo(dir.resolve("photos/S/IMG_0001.JPG"));

        assertThatThrownBy(() -> invoke("guard-budget", manifest(0.000001))).isExactlyInstanceOf(BudgetExceeded.class);
        assertThatThrownBy(() -> invoke("guard-budget", "{}")).isExactlyInstanceOf(InvalidManifest.class);
        assertThat(log.warnings()).hasSize(2).satisfiesExactly(
                budget -> assertThat(budget).startsWith("WARN guard-budget refused the run: Estimated cost").contains("exceeds budget_dkk 0.000001 DKK"),
                manifest -> assertThat(manifest).isEqualTo("WARN guard-budget refused the run: Manifest field 'input_uri': is required "
                        + "(a folder, a file: URI or s3://bucket/prefix/)"));
    }

    @Test
    void refusesToStartWithoutAStage() {
        assertThatThrownBy(() -> new StageHandler(" ")).hasMessageContaining("MUNIN_STAGE");
    }

    private String invoke(String stage, String payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new StageHandler(stage).handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    private String manifest(double budget) {
        return Json.write(Json.object().put("input_uri", dir.resolve("photos").toString())
                .put("output_uri", dir.resolve("out").toString()).put("budget_dkk", budget));
    }
}
