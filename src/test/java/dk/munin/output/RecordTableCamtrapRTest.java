package dk.munin.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dk.munin.cluster.DeltaTimeComparedTo;
import dk.munin.cluster.IndependenceRules;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.contract.storage.Location;
import dk.munin.contract.testing.SharedData;
import dk.munin.manifest.SpeciesFrom;
import dk.munin.stage.stage2post.Stage2Fixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Munin's record table for camtrapR's own sample photos (camtrapR_sabah: Station/Species/photo.JPG,
 * the species from the folder, as camtrapR's IDfrom = "directory") equals the table camtrapR made of
 * them (reference/camtrapr, minDeltaTime 60, deltaTimeComparedTo "lastRecord", UNID excluded), row
 * for row: the times read by Munin's Stage-0 from the photos' EXIF, the independence, the
 * delta.time columns as camtrapR rounds them.
 */
class RecordTableCamtrapRTest {

    /** Directory is the absolute path on the machine camtrapR ran on; the rest must be equal. */
    private static final List<String> COMPARED = List.of("Station", "Species", "DateTimeOriginal", "Date", "Time",
            "delta.time.secs", "delta.time.mins", "delta.time.hours", "delta.time.days", "FileName");

    @TempDir
    Path dir;

    @Test
    void theRecordTableOfTheCamtrapRSamplePhotosIsCamtrapRsOwn() throws Exception {
        Path photos = SharedData.image("camtrapR_sabah");
        Path reference = SharedData.require("reference/camtrapr/recordTableSample_StationA_B.csv");

        // the manifest of the issue: {"species_from": "folder", "events": {"min_delta_time": 60, "exclude": ["UNID"]}}
        JsonNode state = Stage2Fixture.run(photos, dir.resolve("out"), SpeciesFrom.FOLDER,
                new IndependenceRules(60, DeltaTimeComparedTo.LAST_RECORD, false, Set.of("UNID")), file -> List.of());
        String csv = new String(new LocalFileStore().read(Location.parse(state.at("/stage2_post/record_table_uri").asText())), StandardCharsets.UTF_8);

        List<Map<String, String>> munin = rows(csv);
        List<Map<String, String>> camtrapR = rows(Files.readString(reference));
        assertThat(camtrapR).hasSize(18);
        assertThat(munin).hasSameSizeAs(camtrapR);
        for (int i = 0; i < camtrapR.size(); i++) {
            for (String column : COMPARED) {
                assertThat(munin.get(i).get(column)).as("row %d, %s", i + 1, column).isEqualTo(camtrapR.get(i).get(column));
            }
        }
        assertThat(munin.get(0).get("Directory")).isEqualTo(photos.resolve("StationA/PBE").toString());
        assertThat(munin).extracting(row -> row.get("TimeUnusable")).containsOnly("FALSE");
        assertThat(state.at("/stage2_post/events").asInt()).as("one event per record").isEqualTo(18);
    }

    @Test
    void thePigTailedMacaqueBurstOfStationBIsOneRecordAt30MinutesAndOnePerDistinctMinuteAt0() throws Exception {
        Path photos = SharedData.image("camtrapR_sabah");

        assertThat(macaqueRecordsOf28April(photos, 30)).as("the 17:47-17:49 photos, (1)..(3) of a minute included").containsExactly("17:47:00");
        assertThat(macaqueRecordsOf28April(photos, 0)).containsExactly("17:47:00", "17:48:00", "17:49:00");
    }

    /** The Time of StationB's MNE rows of 2009-04-28 in the record table of a run with species_from folder. */
    private List<String> macaqueRecordsOf28April(Path photos, int minDeltaTime) throws IOException {
        JsonNode state = Stage2Fixture.run(photos, dir.resolve("out-" + minDeltaTime), SpeciesFrom.FOLDER,
                new IndependenceRules(minDeltaTime, DeltaTimeComparedTo.LAST_RECORD, false, Set.of()), file -> List.of());
        String csv = new String(new LocalFileStore().read(Location.parse(state.at("/stage2_post/record_table_uri").asText())),
                StandardCharsets.UTF_8);
        return rows(csv).stream()
                .filter(row -> row.get("Station").equals("StationB") && row.get("Species").equals("MNE") && row.get("Date").equals("2009-04-28"))
                .map(row -> row.get("Time")).toList();
    }

    private static List<Map<String, String>> rows(String csv) throws IOException {
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            return rows.readAll();
        }
    }
}
