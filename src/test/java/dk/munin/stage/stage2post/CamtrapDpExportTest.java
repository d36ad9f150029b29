package dk.munin.stage.stage2post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dk.munin.cluster.DeltaTimeComparedTo;
import dk.munin.cluster.EventsFile;
import dk.munin.cluster.IndependenceRules;
import dk.munin.contract.megadetector.Detection;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.contract.storage.Location;
import dk.munin.contract.testing.SharedData;
import dk.munin.manifest.SpeciesFrom;
import dk.munin.output.camtrapdp.CamtrapDpValidator;
import dk.munin.output.camtrapdp.Validation;
import dk.munin.state.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stage-2's Camtrap DP package of real photos, held to the official Camtrap DP 1.0.2 profile and
 * table schemas (../shared/data/reference/camtrap-dp-schema) by the validator that also passes the
 * official example.
 */
class CamtrapDpExportTest {

    private static final IndependenceRules SABAH_RULES = new IndependenceRules(60, DeltaTimeComparedTo.LAST_RECORD, false, Set.of("UNID"));

    @TempDir
    Path dir;

    @Test
    void theCamtrapRSamplePhotosWithTheirDeploymentsMakeAPackageTheOfficialSchemasAccept() throws IOException {
        Path schemas = SharedData.require("reference/camtrap-dp-schema/" + CamtrapDpValidator.PROFILE_FILE).getParent();
        Path photos = SharedData.image("camtrapR_sabah");

        JsonNode state = Stage2Fixture.run(photos, dir.resolve("out"), sabahManifest(), SpeciesFrom.FOLDER, SABAH_RULES,
                file -> file.contains("/PBE/") ? List.of(new Detection("1", 0.93, new double[] {0.4, 0.3, 0.2, 0.25})) : List.of());

        Path descriptor = Location.parse(state.at("/stage2_post/camtrap_dp_uri").asText()).path();
        Validation validation = new CamtrapDpValidator(schemas).validate(descriptor.getParent());
        assertThat(validation.findings()).as(validation.toString()).isEmpty();
        List<Map<String, String>> deployments = rows(descriptor.resolveSibling("deployments.csv"));
        assertThat(deployments).extracting(row -> row.get("deploymentID")).containsExactly("sabah-A", "sabah-B");
        assertThat(deployments.get(0).get("latitude")).isEqualTo("5.0812");
        List<Map<String, String>> media = rows(descriptor.resolveSibling("media.csv"));
        assertThat(media).hasSize(state.at("/stage0_exif/photos_read").asInt());
        assertThat(media.get(0).get("timestamp")).as("the camera's clock with the deployment's zone").endsWith("+08:00");
        List<Map<String, String>> observations = rows(descriptor.resolveSibling("observations.csv"));
        assertThat(observations).filteredOn(row -> row.get("observationLevel").equals("event"))
                .hasSize(state.at("/stage2_post/events").asInt())
                .allSatisfy(row -> assertThat(row.get("classificationMethod")).isEqualTo("human"));
        assertThat(observations).filteredOn(row -> row.get("observationLevel").equals("media") && row.get("scientificName").equals("PBE"))
                .isNotEmpty()
                .allSatisfy(row -> {
                    assertThat(row.get("bboxX")).isEqualTo("0.4");
                    assertThat(row.get("eventID")).startsWith("fixture-E");
                });
        assertThat(observations).extracting(row -> row.get("scientificName")).doesNotContain("UNID");
    }

    @Test
    void withoutLabelsABoxIsAMachineObservationAndAPhotoWithoutOneIsBlank() throws IOException {
        Path schemas = SharedData.require("reference/camtrap-dp-schema/" + CamtrapDpValidator.PROFILE_FILE).getParent();
        Path photos = SharedData.image("camtrapR_sabah");

        JsonNode state = Stage2Fixture.run(photos, dir.resolve("out"), sabahManifest(), SpeciesFrom.DETECTOR,
                new IndependenceRules(30, DeltaTimeComparedTo.LAST_RECORD, false, Set.of()),
                file -> file.contains("/MNE/") ? List.of(new Detection("1", 0.81, new double[] {0.1, 0.2, 0.3, 0.4}),
                        new Detection("1", 0.05, new double[] {0.6, 0.2, 0.1, 0.1})) : List.of());

        Path descriptor = Location.parse(state.at("/stage2_post/camtrap_dp_uri").asText()).path();
        assertThat(new CamtrapDpValidator(schemas).validate(descriptor.getParent()).findings()).isEmpty();
        List<Map<String, String>> observations = rows(descriptor.resolveSibling("observations.csv"));
        List<Map<String, String>> boxes = observations.stream().filter(row -> !row.get("bboxX").isEmpty()).toList();
        assertThat(boxes).as("one per MNE photo: the 0.05 box is below MDv5's 0.2").isNotEmpty()
                .allSatisfy(row -> {
                    assertThat(row.get("observationType")).isEqualTo("animal");
                    assertThat(row.get("classificationMethod")).isEqualTo("machine");
                    assertThat(row.get("classifiedBy")).isEqualTo("md_v5a.0.0.pt");
                    assertThat(row.get("classificationProbability")).isEqualTo("0.81");
                    assertThat(row.get("scientificName")).isEmpty();
                });
        assertThat(observations).filteredOn(row -> row.get("observationType").equals("blank"))
                .allSatisfy(row -> assertThat(row.get("eventID")).isEmpty())
                .hasSize(state.at("/stage0_exif/photos_read").asInt() - boxes.size());
    }

    @Test
    void photosTheDetectorStoppedBeforeAreUnclassifiedBecauseTheBudgetRanOutNotBecauseTheyCouldNotBeRead() throws IOException {
        Path schemas = SharedData.require("reference/camtrap-dp-schema/" + CamtrapDpValidator.PROFILE_FILE).getParent();
        Path photos = SharedData.image("camtrapR_sabah");

        JsonNode state = Stage2Fixture.run(photos, dir.resolve("out"), sabahManifest(), SpeciesFrom.DETECTOR,
                new IndependenceRules(30, DeltaTimeComparedTo.LAST_RECORD, false, Set.of()),
                file -> file.contains("/MNE/") ? null : List.of());

        Path descriptor = Location.parse(state.at("/stage2_post/camtrap_dp_uri").asText()).path();
        assertThat(new CamtrapDpValidator(schemas).validate(descriptor.getParent()).findings()).isEmpty();
        List<Map<String, String>> unclassified = rows(descriptor.resolveSibling("observations.csv")).stream()
                .filter(row -> row.get("observationType").equals("unclassified")).toList();
        assertThat(unclassified).isNotEmpty().allSatisfy(row -> {
            assertThat(row.get("mediaID")).contains("/MNE/");
            assertThat(row.get("observationComments")).isEqualTo("not detected: the budget ran out");
        });
        assertThat(state.at("/stage2_post/detector_failures").asInt()).as("not reached is not unreadable").isZero();
    }

    @Test
    void withoutCoordinatesThereIsNoPackageAndTheReportSaysWhyButTheRunGoesOn() throws IOException {
        JsonNode state = Stage2Fixture.run(SharedData.image("camtrapR_sabah"), dir.resolve("out"),
                Json.object().put("time_zone", "Asia/Kuching"), SpeciesFrom.FOLDER, SABAH_RULES, file -> List.of());

        assertThat(state.at("/stage2_post/camtrap_dp_uri").isNull()).isTrue();
        assertThat(state.at("/stage2_post/records").asInt()).isEqualTo(18);
        EventsFile events = Json.MAPPER.readValue(new LocalFileStore().read(Location.parse(state.at("/stage2_post/events_uri").asText())),
                EventsFile.class);
        assertThat(events.camtrapDp().skippedBecause()).contains("has no latitude and longitude");
        assertThat(dir.resolve("out/camtrap-dp/datapackage.json")).doesNotExist();
    }

    @Test
    void aDeploymentWhosePhotosCannotBePlacedInTimeIsLeftOutWithItsPhotosAndTheRestIsWritten() throws IOException {
        Path schemas = SharedData.require("reference/camtrap-dp-schema/" + CamtrapDpValidator.PROFILE_FILE).getParent();
        ObjectNode manifest = Json.object();
        // StationB's clock zone is not known: its photos have local times but no UTC offset
        manifest.set("deployments", Json.parse("""
                [{"deployment_id": "sabah-A", "station": "StationA", "latitude": 5.0812, "longitude": 117.7963, "time_zone": "Asia/Kuching"},
                 {"deployment_id": "sabah-B", "station": "StationB", "latitude": 5.0901, "longitude": 117.8102}]"""));

        JsonNode state = Stage2Fixture.run(SharedData.image("camtrapR_sabah"), dir.resolve("out"), manifest, SpeciesFrom.FOLDER,
                SABAH_RULES, file -> List.of());

        Path descriptor = Location.parse(state.at("/stage2_post/camtrap_dp_uri").asText()).path();
        assertThat(new CamtrapDpValidator(schemas).validate(descriptor.getParent()).findings()).isEmpty();
        assertThat(rows(descriptor.resolveSibling("deployments.csv"))).extracting(row -> row.get("deploymentID")).containsExactly("sabah-A");
        assertThat(rows(descriptor.resolveSibling("media.csv"))).allSatisfy(row -> assertThat(row.get("mediaID")).startsWith("StationA/"));
        EventsFile events = Json.MAPPER.readValue(new LocalFileStore().read(Location.parse(state.at("/stage2_post/events_uri").asText())),
                EventsFile.class);
        assertThat(events.camtrapDp().leftOut()).containsEntry(CamtrapDpExport.Outcome.DEPLOYMENTS_WITHOUT_TIME, 1L)
                .hasEntrySatisfying(CamtrapDpExport.Outcome.MEDIA_OF_DEPLOYMENTS_WITHOUT_TIME, count -> assertThat(count).isPositive());
    }

    /** The two stations with a position and the zone of Sabah's clocks, as a researcher's manifest gives them. */
    private static ObjectNode sabahManifest() {
        ObjectNode manifest = Json.object().put("time_zone", "Asia/Kuching");
        manifest.set("deployments", Json.parse("""
                [{"deployment_id": "sabah-A", "station": "StationA", "latitude": 5.0812, "longitude": 117.7963},
                 {"deployment_id": "sabah-B", "station": "StationB", "latitude": 5.0901, "longitude": 117.8102}]"""));
        manifest.set("project", Json.parse("""
                {"title": "camtrapR sample survey, Sabah 2009", "sampling_design": "targeted",
                 "contributors": [{"title": "A. Researcher", "email": "a.researcher@example.org", "role": "contact"}]}"""));
        return manifest;
    }

    private static List<Map<String, String>> rows(Path csv) throws IOException {
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(Files.readString(csv))) {
            return rows.readAll();
        }
    }
}
