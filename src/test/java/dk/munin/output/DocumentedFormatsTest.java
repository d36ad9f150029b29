package dk.munin.output;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dk.munin.budget.CostMetric;
import dk.munin.stage.writeparquet.WriteParquet;
import dk.munin.state.Json;
import dk.munin.testing.DuckDb;
import dk.munin.weather.TestEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/clusters-parquet.md and docs/run-report.md against what the code really writes. */
class DocumentedFormatsTest {

    private static final Path CLUSTERS_DOC = Path.of("docs", "clusters-parquet.md");
    private static final Path DETECTIONS_DOC = Path.of("docs", "detections-parquet.md");
    private static final Path REPORT_DOC = Path.of("docs", "run-report.md");
    /**
     * Parts of the report copied unchanged from other stages' state (their fields are theirs to
     * document), and maps whose keys are data (a left-out row's reason).
     */
    private static final Set<String> COPIED_VERBATIM = Set.of("budget.guard", "budget.cost_estimate", "weather", "timings.per_state_ms",
            "camtrap_dp.left_out");

    @TempDir
    Path temp;

    @Test
    void theParquetDocDescribesEveryColumnAndTheVersion() throws IOException {
        assertDocumented(CLUSTERS_DOC, ClustersSchema.COLUMNS, ClustersSchema.VERSION, ClustersSchema.VERSION_KEY);
    }

    @Test
    void theDetectionsDocDescribesEveryColumnAndTheVersion() throws IOException {
        assertDocumented(DETECTIONS_DOC, DetectionsSchema.COLUMNS, DetectionsSchema.VERSION, DetectionsSchema.VERSION_KEY);
    }

    private static void assertDocumented(Path page, List<? extends ParquetColumn<?>> columns, String version, String versionKey)
            throws IOException {
        String doc = Files.readString(page);
        for (ParquetColumn<?> column : columns) {
            assertThat(doc).as("column %s", column.name()).contains("| `" + column.name() + "` |");
        }
        assertThat(doc).contains("**Schema version:** `" + version + "`").contains(versionKey);
    }

    @Test
    void theParquetDocsQueriesRunOnARealFile() throws IOException {
        RunFixture run = new RunFixture(temp);
        new WriteParquet(run.store, new ClustersParquetWriter(run.store), new RunReport(run.store, id -> List.of(), () -> RunFixture.WORKFLOW, RunFixture.ACCOUNTING, RunFixture.NOW), run.page(), CostMetric.off())
                .write(run.state(List.of(TestEvents.event("e1", Instant.parse("2024-05-01T12:20:00Z"), 55.6761, 12.5683)), null));
        Path parquet = run.output.resolve(WriteParquet.PARQUET_NAME).path();

        List<String> queries = new ArrayList<>();
        for (String statement : codeBlock(Files.readString(CLUSTERS_DOC), "sql").split(";")) {
            if (!statement.isBlank()) {
                queries.add(statement.replace("'clusters.parquet'", "$file"));
            }
        }

        assertThat(queries).hasSizeGreaterThanOrEqualTo(4);
        for (String query : queries) {
            assertThat(DuckDb.query(query, parquet)).as(query).isNotEmpty();
        }
    }

    @Test
    void theReportExampleHasTheShapeOfARealReport() throws IOException {
        JsonNode example = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build()
                .readTree(codeBlock(Files.readString(REPORT_DOC), "json"));
        RunFixture run = new RunFixture(temp);
        new WriteParquet(run.store, new ClustersParquetWriter(run.store), new RunReport(run.store, id -> RunFixture.HISTORY, () -> RunFixture.WORKFLOW, RunFixture.ACCOUNTING, RunFixture.NOW), run.page(), CostMetric.off())
                .write(run.state(List.of(TestEvents.event("e1", Instant.parse("2024-05-01T12:20:00Z"), 55.6761, 12.5683)),
                        List.of(RunFixture.availableWeather("e1"))));
        JsonNode real = Json.parse(run.store.read(run.output.resolve(RunReport.FILE_NAME)));

        assertThat(example.path("report_format_version").asText()).isEqualTo(RunReport.FORMAT_VERSION);
        assertSameShape("", example, real);
    }

    private static void assertSameShape(String path, JsonNode documented, JsonNode real) {
        if (COPIED_VERBATIM.contains(path)) {
            return;
        }
        if (documented.isObject() && real.isObject()) {
            assertThat(fieldNames(documented)).as("fields of '%s'", path).containsExactlyElementsOf(fieldNames(real));
            for (String field : fieldNames(real)) {
                assertSameShape(path.isEmpty() ? field : path + "." + field, documented.get(field), real.get(field));
            }
        } else if (documented.isArray() && real.isArray() && !documented.isEmpty() && !real.isEmpty()) {
            assertSameShape(path, documented.get(0), real.get(0));
        }
    }

    private static List<String> fieldNames(JsonNode node) {
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
