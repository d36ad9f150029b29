package dk.munin.stage.writeparquet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.budget.CostMetric;
import dk.munin.cluster.Event;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.StoredObject;
import dk.munin.output.ClustersParquetWriter;
import dk.munin.output.ClustersSchema;
import dk.munin.output.ParquetColumn;
import dk.munin.output.RunFixture;
import dk.munin.output.RunReport;
import dk.munin.state.Json;
import dk.munin.state.RunState;
import dk.munin.testing.DuckDb;
import dk.munin.weather.EventWeather;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static dk.munin.weather.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** WriteParquet through real local storage; clusters.parquet is read back by DuckDB. */
class WriteParquetTest {

    @TempDir
    Path temp;

    private RunFixture run;
    private WriteParquet stage;

    private static final List<Event> EVENTS = List.of(
            event("e1", Instant.parse("2024-05-01T12:20:00Z"), 55.6761, 12.5683),
            event("e2", null, null, null),
            event("e3", Instant.parse("2024-05-01T13:00:00Z"), 55.6761, 12.5683));

    private static final List<EventWeather> WEATHER = List.of(
            RunFixture.availableWeather("e1"),
            EventWeather.unavailable("e2", "metno", "the event has no UTC time: the camera's time zone is unknown"));

    @BeforeEach
    void setUp() {
        run = new RunFixture(temp);
        stage = new WriteParquet(run.store, new ClustersParquetWriter(run.store),
                new RunReport(run.store, executionId -> RunFixture.HISTORY, () -> RunFixture.WORKFLOW, RunFixture.ACCOUNTING, RunFixture.NOW), run.page(), CostMetric.off());
    }

    private Path parquet() {
        return run.output.resolve(WriteParquet.PARQUET_NAME).path();
    }

    @Test
    void whatTheRunSpentByItsReportIsLoggedAsTheSpentCostMetric() {
        List<String> lines = new ArrayList<>();
        WriteParquet metered = new WriteParquet(run.store, new ClustersParquetWriter(run.store),
                new RunReport(run.store, executionId -> RunFixture.HISTORY, () -> RunFixture.WORKFLOW, RunFixture.ACCOUNTING, RunFixture.NOW), run.page(),
                new CostMetric(true, "Munin", lines::add, RunFixture.NOW));

        metered.write(run.state(EVENTS, WEATHER));

        JsonNode report = Json.parse(run.store.read(run.output.resolve(RunReport.FILE_NAME)));
        double actual = report.at("/cost/actual/total_dkk").asDouble();
        assertThat(actual).as("the fixture's detector shard, at 0.45 DKK an hour").isPositive();
        assertThat(lines).singleElement().satisfies(line -> assertThat(Json.parse(line).get(CostMetric.SPENT_METRIC).asDouble())
                .isEqualTo(actual));
    }

    @Test
    void theReportGivesEachArtefactItWroteWithItsSizeAndSha256() throws Exception {
        stage.write(run.state(EVENTS, WEATHER));

        JsonNode report = Json.parse(run.store.read(run.output.resolve(RunReport.FILE_NAME)));
        JsonNode artefacts = report.get("artefacts");
        assertThat(artefacts).extracting(artefact -> artefact.get("uri").asText())
                .doesNotContain(run.output.resolve(RunReport.FILE_NAME).uri())
                .contains(run.output.resolve(WriteParquet.PARQUET_NAME).uri());
        for (JsonNode artefact : artefacts) {
            byte[] written = run.store.read(Location.parse(artefact.get("uri").asText()));
            assertThat(artefact.get("bytes").asLong()).isEqualTo(written.length);
            assertThat(artefact.get("sha256").asText()).isEqualTo(HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(written)));
        }
    }

    @Test
    void returnsTheSeedsOutputFormat() {
        JsonNode result = stage.write(run.state(EVENTS, WEATHER));

        assertThat(result.path("session_id").asText()).isEqualTo("session-2024-05");
        JsonNode finalResults = result.path("final_results");
        assertThat(finalResults.path("parquet_uri").asText()).isEqualTo(run.output.resolve("clusters.parquet").uri());
        assertThat(finalResults.path("report_uri").asText()).isEqualTo(run.output.resolve("run_report.json").uri());
        assertThat(finalResults.path("weather_uri").asText()).isEqualTo(run.output.resolve("weather/").uri());
        assertThat(finalResults.path("files")).extracting(JsonNode::asText).containsExactly(
                run.output.resolve("stage0/images.jsonl").uri(),
                run.output.resolve("stage1/detections.json").uri(),
                run.output.resolve("_work/session-2024-05/stage2/events.json").uri(),
                run.output.resolve("record_table.csv").uri(),
                run.output.resolve("detections.parquet").uri(),
                run.output.resolve("weather/event_weather.jsonl").uri(),
                run.output.resolve("weather/event_weather.csv").uri(),
                run.output.resolve("clusters.parquet").uri(),
                run.output.resolve("report.html").uri(),
                run.output.resolve("run_report.json").uri());
        assertThat(finalResults.path("files_created").asInt()).as("every file the run wrote, not only this stage's").isEqualTo(10);
        for (JsonNode file : finalResults.path("files")) {
            assertThat(Files.isRegularFile(dk.munin.contract.storage.Location.parse(file.asText()).path())).as(file.asText()).isTrue();
        }
        assertThat(Json.MAPPER.convertValue(result, Map.class)).containsOnlyKeys("session_id", "final_results");
        assertThat(Files.isRegularFile(parquet())).isTrue();
        assertThat(Files.isRegularFile(run.output.resolve("run_report.json").path())).isTrue();
    }

    @Test
    void writesOneRowPerEventWithTheDocumentedTypes() {
        stage.write(run.state(EVENTS, WEATHER));

        assertThat(DuckDb.query("SELECT count(*) AS n FROM read_parquet($file)", parquet()).get(0).get("n")).isEqualTo(3L);
        assertThat(DuckDb.columnTypes(parquet())).contains(
                entry("session_id", "VARCHAR"),
                entry("start_local", "TIMESTAMP"),
                entry("end_local", "TIMESTAMP"),
                entry("start_utc", "TIMESTAMP WITH TIME ZONE"),
                entry("end_utc", "TIMESTAMP WITH TIME ZONE"),
                entry("photo_count", "INTEGER"),
                entry("max_conf", "DOUBLE"),
                entry("latitude", "DOUBLE"),
                entry("files", "VARCHAR[]"),
                entry("weather_record_time", "TIMESTAMP WITH TIME ZONE"),
                entry("weather_record_offset_minutes", "BIGINT"),
                entry("prior_days", "INTEGER"),
                entry("precipitation_period_hours", "INTEGER"),
                entry("symbol_code", "VARCHAR"));
        assertThat(DuckDb.columnTypes(parquet()).keySet()).containsExactlyElementsOf(
                ClustersSchema.COLUMNS.stream().map(ParquetColumn::name).toList());
    }

    @Test
    void valuesAndTimesComeThroughAsWritten() {
        stage.write(run.state(EVENTS, WEATHER));

        Map<String, Object> e1 = DuckDb.query("""
                SELECT event_id, station, camera, species, species_from, CAST(start_local AS VARCHAR) AS start_local,
                       max_boxes_in_photo, best_file, best_category, array_to_string(best_bbox, '|') AS best_bbox,
                       time_unusable, len(timestamp_issues) AS issue_count, array_to_string(sequences, '|') AS sequences,
                       epoch_ms(start_utc) AS start_utc_ms, epoch_ms(end_utc) AS end_utc_ms,
                       photo_count, detection_count, max_conf, latitude, longitude,
                       array_to_string(files, '|') AS files, len(files) AS file_count,
                       weather_status, weather_reason, weather_provider, epoch_ms(weather_record_time) AS step_ms, weather_record_offset_minutes,
                       weather_source_id, weather_source_distance_km, weather_attribution,
                       air_temperature_c, relative_humidity_percent, wind_speed_ms, wind_from_direction_deg,
                       cloud_area_fraction_percent, air_pressure_at_sea_level_hpa, precipitation_amount_mm,
                       precipitation_period_hours, symbol_code, dew_point_temperature_c, wind_speed_of_gust_ms,
                       visibility_m, ultraviolet_index, prior_days, prior_precipitation_sum_mm, prior_air_temperature_min_c,
                       prior_air_temperature_max_c
                FROM read_parquet($file) WHERE event_id = 'e1'""", parquet()).get(0);

        assertThat(e1).containsEntry("station", "StationA")
                .containsEntry("camera", "StationA")
                .containsEntry("species", "animal")
                .containsEntry("species_from", "detector")
                .containsEntry("max_boxes_in_photo", 2)
                .containsEntry("best_file", "StationA/IMG_0002.JPG")
                .containsEntry("best_category", "animal")
                .containsEntry("best_bbox", "0.1|0.2|0.3|0.4")
                .containsEntry("time_unusable", false)
                .containsEntry("issue_count", 0L)
                .containsEntry("sequences", "session-2024-05-S000001")
                .containsEntry("start_local", "2024-05-01 14:20:00")
                .containsEntry("start_utc_ms", Instant.parse("2024-05-01T12:20:00Z").toEpochMilli())
                .containsEntry("end_utc_ms", Instant.parse("2024-05-01T12:21:00Z").toEpochMilli())
                .containsEntry("photo_count", 3)
                .containsEntry("detection_count", 4)
                .containsEntry("max_conf", 0.91)
                .containsEntry("latitude", 55.6761)
                .containsEntry("longitude", 12.5683)
                .containsEntry("files", "StationA/IMG_0001.JPG|StationA/IMG_0002.JPG|StationA/IMG_0003.JPG")
                .containsEntry("file_count", 3L)
                .containsEntry("weather_status", "available")
                .containsEntry("weather_provider", "metno")
                .containsEntry("step_ms", Instant.parse("2024-05-01T12:00:00Z").toEpochMilli())
                .containsEntry("air_temperature_c", 14.2)
                .containsEntry("relative_humidity_percent", 61.0)
                .containsEntry("wind_speed_ms", 4.1)
                .containsEntry("wind_from_direction_deg", 250.0)
                .containsEntry("cloud_area_fraction_percent", 40.5)
                .containsEntry("air_pressure_at_sea_level_hpa", 1012.3)
                .containsEntry("precipitation_amount_mm", 0.0)
                .containsEntry("precipitation_period_hours", 1)
                .containsEntry("symbol_code", "partlycloudy_day")
                .containsEntry("weather_record_offset_minutes", -7L)
                .containsEntry("weather_source_id", "grid 55.5,9.1")
                .containsEntry("weather_source_distance_km", 0.32)
                .containsEntry("weather_attribution", "Data from The Norwegian Meteorological Institute (MET Norway), CC BY 4.0")
                .containsEntry("dew_point_temperature_c", 6.8)
                .containsEntry("wind_speed_of_gust_ms", 7.3)
                .containsEntry("visibility_m", null)
                .containsEntry("ultraviolet_index", 3.1)
                .containsEntry("prior_days", 2)
                .containsEntry("prior_precipitation_sum_mm", 5.5)
                .containsEntry("prior_air_temperature_min_c", 3.1)
                .containsEntry("prior_air_temperature_max_c", 17.9);
        assertThat(e1.get("weather_reason")).isNull();
    }

    @Test
    void theWeatherBesideTheCamtrapDpPackageJoinsItsEventIdsAndHasTheParquetsColumns() throws IOException {
        stage.write(run.state(EVENTS, WEATHER));
        Path csv = run.output.resolve("weather/event_weather.csv").path();

        List<Map<String, Object>> rows = DuckDb.query("""
                SELECT eventID, weather_status, air_temperature_c, CAST(weather_record_time AS VARCHAR) AS record_time,
                       weather_attribution, prior_precipitation_sum_mm
                FROM read_csv($file, header = true) ORDER BY eventID""", csv);

        assertThat(rows).extracting(row -> row.get("eventID")).containsExactly("e1", "e2", "e3");
        assertThat(rows.get(0)).containsEntry("weather_status", "available").containsEntry("air_temperature_c", 14.2)
                .containsEntry("weather_attribution", "Data from The Norwegian Meteorological Institute (MET Norway), CC BY 4.0")
                .containsEntry("prior_precipitation_sum_mm", 5.5);
        assertThat((String) rows.get(0).get("record_time")).startsWith("2024-05-01");
        assertThat(rows.get(1)).containsEntry("air_temperature_c", null);
        String header = Files.readAllLines(csv).get(0);
        assertThat(header.split(",")).hasSize(1 + ClustersSchema.COLUMNS.size()
                - ClustersSchema.COLUMNS.stream().map(ParquetColumn::name).toList().indexOf("weather_status"));
    }

    @Test
    void missingTimePositionAndWeatherAreNulls() {
        stage.write(run.state(EVENTS, WEATHER));

        List<Map<String, Object>> rows = DuckDb.query("""
                SELECT event_id, start_utc IS NULL AS no_utc, latitude IS NULL AS no_lat, longitude IS NULL AS no_lon,
                       weather_status, weather_reason, weather_record_time IS NULL AS no_step,
                       air_temperature_c IS NULL AS no_temp, symbol_code IS NULL AS no_symbol
                FROM read_parquet($file) WHERE event_id IN ('e2', 'e3') ORDER BY event_id""", parquet());

        assertThat(rows.get(0)).containsEntry("no_utc", true).containsEntry("no_lat", true).containsEntry("no_lon", true)
                .containsEntry("weather_status", "unavailable").containsEntry("no_step", true).containsEntry("no_temp", true);
        assertThat((String) rows.get(0).get("weather_reason")).contains("no UTC time");
        assertThat(rows.get(1)).containsEntry("no_utc", false).containsEntry("weather_status", "unavailable")
                .containsEntry("weather_reason", WriteParquet.NO_WEATHER_ENTRY).containsEntry("no_symbol", true);
    }

    @Test
    void withoutWeatherEnrichmentTheWeatherColumnsAreNullWithTheReason() {
        JsonNode result = stage.write(run.state(EVENTS, null));

        List<Map<String, Object>> rows = DuckDb.query("""
                SELECT DISTINCT weather_status, weather_reason, weather_provider, air_temperature_c
                FROM read_parquet($file)""", parquet());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("weather_status", "unavailable")
                .containsEntry("weather_reason", WriteParquet.WEATHER_NOT_RUN)
                .containsEntry("weather_provider", null)
                .containsEntry("air_temperature_c", null);
        assertThat(result.path("final_results").path("weather_uri").isNull()).isTrue();
    }

    @Test
    void zeroEventsGiveAValidFileWithZeroRows() {
        stage.write(run.state(List.of(), List.of()));

        assertThat(DuckDb.query("SELECT count(*) AS n FROM read_parquet($file)", parquet()).get(0).get("n")).isEqualTo(0L);
        assertThat(DuckDb.columnTypes(parquet())).hasSize(ClustersSchema.COLUMNS.size());
    }

    @Test
    void storesTheSchemaVersionInTheFileMetadata() {
        stage.write(run.state(EVENTS, WEATHER));

        List<Map<String, Object>> metadata = DuckDb.query(
                "SELECT decode(value) AS version FROM parquet_kv_metadata($file) WHERE decode(key) = '"
                        + ClustersSchema.VERSION_KEY + "'", parquet());
        assertThat(metadata).singleElement().extracting(row -> row.get("version")).isEqualTo(ClustersSchema.VERSION);
    }

    @Test
    void aRerunOverwritesInsteadOfAdding() {
        ObjectNode state = run.state(EVENTS, WEATHER);

        stage.write(state);
        List<StoredObject> before = run.store.list(run.output);
        stage.write(state);

        assertThat(DuckDb.query("SELECT count(*) AS n FROM read_parquet($file)", parquet()).get(0).get("n")).isEqualTo(3L);
        assertThat(run.store.list(run.output)).extracting(o -> o.location().key())
                .containsExactlyElementsOf(before.stream().map(o -> o.location().key()).toList());
    }

    @Test
    void theInputStateIsNotChanged() {
        ObjectNode state = run.state(EVENTS, WEATHER);
        ObjectNode copy = state.deepCopy();

        stage.write(state);

        assertThat(state).isEqualTo(copy);
        assertThat(state.has(RunState.STAGE2_POST)).isTrue();
    }
}
