package dk.munin.output.camtrapdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.contract.storage.Location;
import dk.munin.contract.testing.SharedData;
import dk.munin.output.camtrapdp.CamtrapDpObservation.Level;
import dk.munin.output.camtrapdp.CamtrapDpObservation.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dk.munin.output.camtrapdp.CamtrapDpFixture.at;
import static dk.munin.output.camtrapdp.CamtrapDpFixture.deployments;
import static dk.munin.output.camtrapdp.CamtrapDpFixture.generated;
import static dk.munin.output.camtrapdp.CamtrapDpFixture.generatedBox;
import static dk.munin.output.camtrapdp.CamtrapDpFixture.generatedBoxes;
import static dk.munin.output.camtrapdp.CamtrapDpFixture.generatedPhotos;
import static dk.munin.output.camtrapdp.CamtrapDpFixture.media;
import static dk.munin.output.camtrapdp.CamtrapDpFixture.observations;
import static dk.munin.output.camtrapdp.CamtrapDpFixture.project;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A package written from Munin-shaped rows is valid Camtrap DP 1.0.2 (held to the official
 * schemas by {@link CamtrapDpValidator}), says what it derived and left out, and refuses rows
 * that cannot make a valid package, naming each problem.
 */
class CamtrapDpWriterTest {

    private static final String SCHEMAS = "reference/camtrap-dp-schema";
    private static final String EXAMPLE = "reference/camtrap-dp-example";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final CamtrapDpWriter writer = new CamtrapDpWriter(new LocalFileStore());

    private Path pkg() {
        return temp.resolve("camtrap-dp");
    }

    private CamtrapDpSummary writeFixture() {
        return writer.write(Location.of(pkg()), project(), deployments(), media(), observations());
    }

    @Test
    void thePackageIsValidAgainstTheOfficialSchemas() {
        Path schemas = SharedData.require(SCHEMAS + "/" + CamtrapDpValidator.PROFILE_FILE).getParent();
        writeFixture();

        Validation result = new CamtrapDpValidator(schemas).validate(pkg());

        result.findings().forEach(f -> System.out.println("Camtrap DP finding: " + f));
        result.unchecked().forEach(u -> System.out.println("Camtrap DP unchecked: " + u));
        assertThat(result.findings()).isEmpty();
        // the only rules left unchecked are the profile's two remote schemas, which need the network
        assertThat(result.unchecked()).hasSize(2).allMatch(u -> u.contains("is remote and no local copy was given"));
    }

    @Test
    void primaryKeysAreUniqueAndForeignKeysHold() throws IOException {
        writeFixture();

        List<Map<String, String>> deployments = table("deployments.csv");
        List<Map<String, String>> media = table("media.csv");
        List<Map<String, String>> observations = table("observations.csv");

        Set<String> deploymentIds = unique(deployments, "deploymentID");
        Set<String> mediaIds = unique(media, "mediaID");
        unique(observations, "observationID");
        assertThat(column(media, "deploymentID")).isSubsetOf(deploymentIds);
        assertThat(column(observations, "deploymentID")).isSubsetOf(deploymentIds);
        assertThat(column(observations, "mediaID").stream().filter(id -> !id.isEmpty()).toList()).isSubsetOf(mediaIds);
    }

    @Test
    void theHeadersAreTheOfficialSchemasFieldsInOrder() throws IOException {
        Path schemas = SharedData.require(SCHEMAS + "/" + CamtrapDpValidator.PROFILE_FILE).getParent();
        writeFixture();

        for (CamtrapDp.Table table : CamtrapDp.Table.values()) {
            JsonNode schema = JSON.readTree(schemas.resolve(table.resource() + "-table-schema.json").toFile());
            List<String> fields = new ArrayList<>();
            schema.path("fields").forEach(f -> fields.add(f.path("name").asText()));
            assertThat(table.columns()).as(table.path()).isEqualTo(fields);
            assertThat(CsvFile.read(pkg().resolve(table.path())).header()).as(table.path()).isEqualTo(fields);
        }
    }

    @Test
    void theVocabulariesAreTheSchemasOwn() throws IOException {
        Path schemas = SharedData.require(SCHEMAS + "/" + CamtrapDpValidator.PROFILE_FILE).getParent();
        JsonNode observations = JSON.readTree(schemas.resolve("observations-table-schema.json").toFile());
        JsonNode media = JSON.readTree(schemas.resolve("media-table-schema.json").toFile());
        JsonNode profile = JSON.readTree(schemas.resolve(CamtrapDpValidator.PROFILE_FILE).toFile())
                .path("allOf").path(1).path("properties");

        assertThat(terms(Type.values())).isEqualTo(fieldEnum(observations, "observationType"));
        assertThat(terms(Level.values())).isEqualTo(fieldEnum(observations, "observationLevel"));
        assertThat(terms(CamtrapDpObservation.ClassificationMethod.values()))
                .containsExactlyInAnyOrderElementsOf(fieldEnum(observations, "classificationMethod"));
        assertThat(terms(CamtrapDpMedia.CaptureMethod.values())).isEqualTo(fieldEnum(media, "captureMethod"));
        assertThat(terms(CamtrapDpProject.SamplingDesign.values()))
                .isEqualTo(strings(profile.path("project").path("properties").path("samplingDesign").path("enum")));
        assertThat(terms(CamtrapDpProject.Role.values()))
                .isEqualTo(strings(profile.path("contributors").path("items").path("properties").path("role").path("enum")));
        assertThat(terms(CamtrapDpProject.Scope.values()))
                .isEqualTo(strings(profile.path("licenses").path("items").path("properties").path("scope").path("enum")));
    }

    @Test
    void theCellsReadBackAsWritten() throws IOException {
        writeFixture();

        Map<String, Map<String, String>> observations = byId(table("observations.csv"), "observationID");
        Map<String, String> box = observations.get("A1-1");
        assertThat(box).containsEntry("mediaID", "A1")
                .containsEntry("eventID", "evt-A-1")
                .containsEntry("observationLevel", "media")
                .containsEntry("observationType", "animal")
                .containsEntry("bboxX", "0.3125")
                .containsEntry("bboxY", "0.4")
                .containsEntry("bboxWidth", "0.25")
                .containsEntry("bboxHeight", "0.1875")
                .containsEntry("classificationMethod", "machine")
                .containsEntry("classifiedBy", CamtrapDpFixture.DETECTOR)
                .containsEntry("classificationTimestamp", "2024-06-02T10:00:00Z")
                .containsEntry("classificationProbability", "0.914")
                .containsEntry("scientificName", "")
                // a media-level observation's event times are its photo's
                .containsEntry("eventStart", "2009-04-10T05:07:00+08:00")
                .containsEntry("eventEnd", "2009-04-10T05:07:00+08:00");
        assertThat(observations.get("A1-2")).containsEntry("bboxX", "0");
        assertThat(observations.get("evt-B-1")).containsEntry("mediaID", "")
                .containsEntry("observationLevel", "event")
                .containsEntry("eventStart", "2009-04-05T00:11:00+08:00")
                .containsEntry("eventEnd", "2009-04-05T23:13:00+08:00")
                .containsEntry("bboxX", "");
        assertThat(observations.get("evt-A-2")).containsEntry("scientificName", "Prionailurus bengalensis")
                .containsEntry("classificationMethod", "human")
                .containsEntry("classificationTimestamp", "2024-06-01T09:12:00+02:00");
        assertThat(observations.get("A3-blank")).containsEntry("observationType", "blank")
                .containsEntry("eventID", "").containsEntry("count", "").containsEntry("classificationProbability", "");
        assertThat(observations.get("B2-1")).containsEntry("observationTags", "review:pending | batch:2");

        Map<String, Map<String, String>> deployments = byId(table("deployments.csv"), "deploymentID");
        assertThat(deployments.get("StationA")).containsEntry("latitude", "5.5801")
                .containsEntry("longitude", "118.0321")
                .containsEntry("coordinateUncertainty", "30")
                .containsEntry("deploymentStart", "2009-04-01T08:00:00+08:00")
                .containsEntry("cameraModel", "CUDDEBACK-G4")
                .containsEntry("timestampIssues", "false");
        // StationB gave no window: its first and last photo's times
        assertThat(deployments.get("StationB")).containsEntry("deploymentStart", "2009-04-05T00:11:00+08:00")
                .containsEntry("deploymentEnd", "2009-04-05T23:13:00+08:00")
                .containsEntry("timestampIssues", "true")
                .containsEntry("deploymentComments", "time zone assumed\n(+08:00)");

        Map<String, String> photo = byId(table("media.csv"), "mediaID").get("A1");
        assertThat(photo).containsEntry("timestamp", "2009-04-10T05:07:00+08:00")
                .containsEntry("captureMethod", "activityDetection")
                .containsEntry("filePath", "s3://sabah-traps/raw/StationA/IMG0001.JPG")
                .containsEntry("filePublic", "false")
                .containsEntry("fileMediatype", "image/jpeg");
    }

    @Test
    void theDescriptorCarriesTheOfficialUrlsAndTheDerivedCoverage() throws IOException {
        Path example = SharedData.require(EXAMPLE + "/datapackage.json");
        writeFixture();

        JsonNode descriptor = JSON.readTree(pkg().resolve("datapackage.json").toFile());
        JsonNode official = JSON.readTree(example.toFile());

        assertThat(descriptor.path("profile").asText()).isEqualTo(official.path("profile").asText());
        for (int i = 0; i < 3; i++) {
            JsonNode ours = descriptor.path("resources").path(i);
            JsonNode theirs = official.path("resources").path(i);
            for (String field : List.of("name", "path", "profile", "format", "mediatype", "encoding", "schema")) {
                assertThat(ours.path(field)).as("resources[" + i + "]." + field).isEqualTo(theirs.path(field));
            }
        }
        assertThat(descriptor.path("created").asText()).isEqualTo("2024-06-02T10:15:30Z");
        assertThat(descriptor.path("spatial")).isEqualTo(JSON.readTree("""
                {"type": "Polygon", "coordinates": [[[118.0321, 5.5801], [118.1107, 5.5801], [118.1107, 5.6212],
                 [118.0321, 5.6212], [118.0321, 5.5801]]]}"""));
        assertThat(descriptor.path("temporal")).isEqualTo(JSON.readTree("{\"start\": \"2009-04-01\", \"end\": \"2009-05-15\"}"));
        assertThat(descriptor.path("taxonomic")).isEqualTo(JSON.readTree("[{\"scientificName\": \"Prionailurus bengalensis\"}]"));
        assertThat(descriptor.path("project").path("observationLevel")).isEqualTo(JSON.readTree("[\"media\", \"event\"]"));
        assertThat(descriptor.path("project").path("samplingDesign").asText()).isEqualTo("opportunistic");
        assertThat(descriptor.path("sources")).isEqualTo(JSON.readTree("[{\"title\": \"Munin\", \"version\": \"1.4.0\"}]"));
    }

    @Test
    void theSummaryCountsTheRowsAndSaysWhatWasLeftOutAndWhy() {
        CamtrapDpSummary summary = writeFixture();

        assertThat(summary.descriptor()).isEqualTo(Location.of(pkg().resolve("datapackage.json")));
        assertThat(summary.deployments()).isEqualTo(2);
        assertThat(summary.media()).isEqualTo(5);
        assertThat(summary.observations()).isEqualTo(9);
        assertThat(summary.leftOut()).containsExactly(
                new CamtrapDpSummary.LeftOut(CamtrapDp.Table.MEDIA, "B3",
                        "its time is not known, and Camtrap DP requires media.timestamp"),
                new CamtrapDpSummary.LeftOut(CamtrapDp.Table.OBSERVATIONS, "B3-1",
                        "its media 'B3' is left out, its time not being known"));
        assertThat(summary.leftOutByReason()).containsExactly(
                new CamtrapDpSummary.LeftOutCount(CamtrapDp.Table.MEDIA,
                        "its time is not known, and Camtrap DP requires media.timestamp", 1),
                new CamtrapDpSummary.LeftOutCount(CamtrapDp.Table.OBSERVATIONS,
                        "its media is left out, its time not being known", 1));
        assertThat(summary.leftOut(CamtrapDp.Table.MEDIA)).isEqualTo(1);
        assertThat(summary.deploymentWindowsFromMedia()).containsExactly("StationB");
    }

    @Test
    void rowsLeftOutAreCountedByReasonAndTheFirstHundredOfEachNamed() {
        int untimed = 250;
        Iterable<CamtrapDpMedia> photos = generated(untimed, i -> CamtrapDpFixture.photo("U" + i, "StationA", null, "StationA/U" + i + ".JPG"));
        Iterable<CamtrapDpObservation> boxes = generated(untimed, i -> CamtrapDpFixture.box("U" + i + "-1", "StationA", "U" + i, null,
                new CamtrapDpObservation.Box(0.1, 0.1, 0.1, 0.1), 0.5));

        CamtrapDpSummary summary = writer.write(Location.of(pkg()), project(), List.of(deployments().get(0)), photos, boxes);

        assertThat(summary.media()).isZero();
        assertThat(summary.observations()).isZero();
        assertThat(summary.leftOut(CamtrapDp.Table.MEDIA)).isEqualTo(untimed);
        assertThat(summary.leftOut(CamtrapDp.Table.OBSERVATIONS)).isEqualTo(untimed);
        assertThat(summary.leftOut()).hasSize(2 * CamtrapDpSummary.LEFT_OUT_LISTED)
                .startsWith(new CamtrapDpSummary.LeftOut(CamtrapDp.Table.MEDIA, "U0",
                        "its time is not known, and Camtrap DP requires media.timestamp"))
                .endsWith(new CamtrapDpSummary.LeftOut(CamtrapDp.Table.OBSERVATIONS, "U99-1",
                        "its media 'U99' is left out, its time not being known"));
    }

    @Test
    void theMediaAreReadOnceToTheirEndAndOnlyThenTheObservationsOnce() throws IOException {
        List<String> reads = new ArrayList<>();
        Path fromLists = temp.resolve("from-lists");

        writer.write(Location.of(pkg()), project(), deployments(), new ReadOnce<>("media", media(), reads),
                new ReadOnce<>("observations", observations(), reads));
        writer.write(Location.of(fromLists), project(), deployments(), media(), observations());

        assertThat(reads).containsExactly("media", "media to the end", "observations", "observations to the end");
        for (String file : List.of("deployments.csv", "media.csv", "observations.csv", "datapackage.json")) {
            assertThat(pkg().resolve(file)).as(file).hasSameBinaryContentAs(fromLists.resolve(file));
        }
    }

    /** The schemas' full validation reads every row into memory and takes seconds here; the fixture's tests do it. */
    @Test
    void twoHundredThousandObservationsMadeAsTheyAreReadMakeAPackage() throws IOException {
        int photos = 50_000;
        int perPhoto = 4;

        CamtrapDpSummary summary = writer.write(Location.of(pkg()), project(), List.of(deployments().get(0)),
                generatedPhotos(photos), generatedBoxes(photos, perPhoto));

        assertThat(summary.media()).isEqualTo(photos);
        assertThat(summary.observations()).isEqualTo(photos * perPhoto);
        List<String> media = lines(pkg().resolve("media.csv"));
        List<String> observations = lines(pkg().resolve("observations.csv"));
        assertThat(media).hasSize(1 + photos);
        assertThat(observations).hasSize(1 + photos * perPhoto);
        assertThat(observations.get(observations.size() - 1))
                .startsWith("IMG49999#4,StationA,IMG49999,,2009-05-06T17:19:00+08:00,2009-05-06T17:19:00+08:00,media,animal,");
        Set<String> mediaIds = new HashSet<>(cells(media, 0));
        assertThat(mediaIds).hasSize(photos);
        assertThat(new HashSet<>(cells(observations, 0))).hasSize(photos * perPhoto);
        assertThat(cells(observations, 2)).as("mediaIDs not in media.csv").filteredOn(id -> !mediaIds.contains(id)).isEmpty();
        JsonNode descriptor = JSON.readTree(pkg().resolve("datapackage.json").toFile());
        assertThat(descriptor.path("project").path("observationLevel")).isEqualTo(JSON.readTree("[\"media\"]"));
    }

    @Test
    void aBadRowLateInAStreamRefusesThePackageAndLeavesNoFileBehind() throws IOException {
        Path scratch = Files.createDirectories(temp.resolve("scratch"));
        CamtrapDpWriter writer = new CamtrapDpWriter(new LocalFileStore(), scratch);
        int photos = 10_000;
        int boxes = photos * 4;
        // near the end of the stream: the first box of photo 10 again, and a box on no photo given
        CamtrapDpObservation again = generatedBox(10 * 4, 4);
        CamtrapDpObservation ghost = CamtrapDpFixture.box("late-ghost", "StationA", "nosuchmedia", null,
                new CamtrapDpObservation.Box(0.1, 0.1, 0.1, 0.1), 0.5);
        Iterable<CamtrapDpObservation> observations = generated(boxes + 1,
                i -> i == boxes - 10 ? again : i == boxes ? ghost : generatedBox(i, 4));

        InvalidCamtrapDpInput refused = catchThrowableOfType(() -> writer.write(Location.of(pkg()), project(),
                List.of(deployments().get(0)), generatedPhotos(photos), observations), InvalidCamtrapDpInput.class);

        assertThat(refused.problems()).containsExactly(
                "observation 'IMG10#1': observationID is given twice",
                "observation 'late-ghost': mediaID 'nosuchmedia' is not one of the media given");
        assertThat(pkg()).doesNotExist();
        assertThat(scratch).isEmptyDirectory();
    }

    @Test
    void aStreamOfBadRowsNamesTheFirstThousandProblemsAndCountsTheRest() {
        Iterable<CamtrapDpObservation> ghosts = generated(1500, i -> CamtrapDpFixture.box("ghost" + i, "StationA", "nosuchmedia",
                null, new CamtrapDpObservation.Box(0.1, 0.1, 0.1, 0.1), 0.5));

        InvalidCamtrapDpInput refused = catchThrowableOfType(
                () -> writer.write(Location.of(pkg()), project(), deployments(), media(), ghosts), InvalidCamtrapDpInput.class);

        assertThat(refused.problems()).hasSize(Problems.LISTED);
        assertThat(refused.unlisted()).isEqualTo(500);
        assertThat(refused.getMessage())
                .startsWith("Cannot write the Camtrap DP 1.0.2 package, 1500 problems in its input:\n"
                        + "- observation 'ghost0': mediaID 'nosuchmedia' is not one of the media given\n")
                .endsWith("\n- observation 'ghost999': mediaID 'nosuchmedia' is not one of the media given\n- ... and 500 more");
        assertThat(pkg()).doesNotExist();
    }

    @Test
    void commasQuotesAndLineBreaksAreQuotedAsRfc4180Says() throws IOException {
        writeFixture();

        String text = Files.readString(pkg().resolve("media.csv"), StandardCharsets.UTF_8);
        assertThat(text).contains(",\"IMG 0002, \"\"night\"\"\nsecond line.JPG\",")
                .contains(",\"s3://sabah-traps/raw/StationB/IMG 0002, night.JPG\",");
        // every record ends in CRLF; the line break inside the quoted file name stays as it was
        assertThat(text).endsWith("\r\n").doesNotContain(",\r\r");
        assertThat(text.split("\r\n")).hasSize(1 + 5);

        // a general CSV reader reads the cells back unchanged
        CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = csv.readerForListOf(String.class).readValues(text)) {
            it.forEachRemaining(rows::add);
        }
        int name = rows.get(0).indexOf("fileName");
        assertThat(rows).hasSize(1 + 5);
        assertThat(rows.get(5).get(name)).isEqualTo(CamtrapDpFixture.AWKWARD_NAME);
        assertThat(byId(table("deployments.csv"), "deploymentID").get("StationB"))
                .containsEntry("locationName", "Danum \"river\" bend");
    }

    @Test
    void aDeploymentWithoutCoordinatesIsRefusedByNameAndNothingIsWritten() {
        List<CamtrapDpDeployment> deployments = new ArrayList<>(deployments());
        CamtrapDpDeployment b = deployments.get(1);
        deployments.set(1, new CamtrapDpDeployment(b.deploymentID(), b.locationID(), b.locationName(), null, null,
                null, b.deploymentStart(), b.deploymentEnd(), b.cameraID(), b.cameraModel(), b.timestampIssues(), null));

        assertThatThrownBy(() -> writer.write(Location.of(pkg()), project(), deployments, media(), observations()))
                .isInstanceOf(InvalidCamtrapDpInput.class)
                .hasMessage("Cannot write the Camtrap DP 1.0.2 package, 1 problem in its input:\n"
                        + "- deployment 'StationB': has no latitude and longitude; Camtrap DP requires both,"
                        + " and Munin does not guess a position");
        assertThat(pkg()).doesNotExist();
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        List<CamtrapDpMedia> media = new ArrayList<>(media());
        media.add(new CamtrapDpMedia("X1", "StationZ", null, at("2009-04-06T10:00:00"), "/abs/IMG.JPG", false,
                null, "text/plain", null));
        media.add(CamtrapDpFixture.photo("NA", "StationA", "2009-04-06T11:00:00", "StationA/NA.JPG"));
        // a zone's local mean time before standard time (Amsterdam until 1937) has seconds in its offset
        media.add(new CamtrapDpMedia("L1", "StationA", null, OffsetDateTime.of(2009, 4, 6, 12, 0, 0, 0,
                ZoneOffset.ofHoursMinutesSeconds(0, 19, 32)), "s3://sabah-traps/raw/L1.JPG", false, null, "image/jpeg", null));
        List<CamtrapDpObservation> observations = new ArrayList<>(observations());
        observations.add(CamtrapDpFixture.box("A1-1", "StationA", "A1", null, new CamtrapDpObservation.Box(0.1, 0.1, 0.1, 0.1), 0.5));
        observations.add(CamtrapDpFixture.box("ghost", "StationA", "nosuchmedia", null, new CamtrapDpObservation.Box(0.1, 0.1, 0.1, 0.1), 0.5));
        observations.add(CamtrapDpFixture.box("too-wide", "StationA", "A2", null, new CamtrapDpObservation.Box(0.5, 0.5, 1.5, 0), 1.2));
        observations.add(new CamtrapDpObservation("event-on-a-photo", "StationA", "A1", "evt-A-1", null, null, Level.EVENT,
                Type.ANIMAL, null, 0, null, null, null, null, null, List.of("a|b"), null));

        InvalidCamtrapDpInput refused = catchThrowableOfType(
                () -> writer.write(Location.of(pkg()), project(), deployments(), media, observations), InvalidCamtrapDpInput.class);

        assertThat(refused.problems()).containsExactly(
                "media 'X1': deploymentID 'StationZ' is not one of the deployments given",
                "media 'X1': filePath '/abs/IMG.JPG' is neither a URL nor a path relative to the package"
                        + " (it must not start with '.', '/' or '~' nor hold '..')",
                "media 'X1': fileMediatype 'text/plain' is not an image/, video/ or audio/ media type",
                "media 'NA': mediaID 'NA' would be read back as a missing value (Camtrap DP's tables read [NA, NaN, nan] as empty)",
                "media 'L1': timestamp has the offset +00:19:32, which is not in whole minutes",
                "observation 'A1-1': observationID is given twice",
                "observation 'ghost': mediaID 'nosuchmedia' is not one of the media given",
                "observation 'too-wide': classificationProbability 1.2 is not between 0 and 1",
                "observation 'too-wide': bboxWidth 1.5 is not above 0 and at most 1",
                "observation 'too-wide': bboxHeight 0.0 is not above 0 and at most 1",
                "observation 'event-on-a-photo': is event-level but has mediaID 'A1';"
                        + " Camtrap DP links only media-level observations to a media file",
                "observation 'event-on-a-photo': is event-level and needs its eventStart and eventEnd, which Camtrap DP requires");
        assertThat(pkg()).doesNotExist();
    }

    @Test
    void theProjectIsHeldToTheProfileAndFrictionlessRules() {
        CamtrapDpProject p = project();
        CamtrapDpProject bad = new CamtrapDpProject("Munin Run", p.id(), p.title(), null, " ", null, List.of(), false,
                List.of(), p.created(), p.sources(),
                List.of(new CamtrapDpProject.License("CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/",
                        CamtrapDpProject.Scope.DATA)), null);

        InvalidCamtrapDpInput refused = catchThrowableOfType(
                () -> writer.write(Location.of(pkg()), bad, deployments(), media(), observations()), InvalidCamtrapDpInput.class);

        assertThat(refused.problems()).containsExactly(
                "project: name 'Munin Run' is not a Frictionless name: lower case letters, digits and - . _ / only",
                "project: has no projectTitle, which Camtrap DP requires",
                "project: has no samplingDesign, which Camtrap DP requires",
                "project: captureMethod names no method; Camtrap DP requires at least one",
                "project: has no contributors; the Frictionless schema requires at least one, a person or organisation to credit or contact",
                "project: license 1 must have a name or a path, one of them (the Frictionless schema's oneOf)",
                "project: licenses has none for the media; Camtrap DP asks for one for the data and one for the media,"
                        + " or no licenses at all",
                // the fixture's photos are activityDetection, which an empty captureMethod does not name
                "media 'A1': captureMethod activityDetection is not among the project's captureMethod",
                "media 'A2': captureMethod activityDetection is not among the project's captureMethod",
                "media 'A3': captureMethod activityDetection is not among the project's captureMethod",
                "media 'B1': captureMethod activityDetection is not among the project's captureMethod",
                "media 'B2': captureMethod activityDetection is not among the project's captureMethod");
    }

    @Test
    void oneCameraWithoutSpeciesIsAPointAndAnEmptyTaxonomicList() throws IOException {
        Path schemas = SharedData.require(SCHEMAS + "/" + CamtrapDpValidator.PROFILE_FILE).getParent();
        CamtrapDpDeployment only = deployments().get(1);
        List<CamtrapDpMedia> photos = media().stream().filter(m -> m.deploymentID().equals("StationB")).toList();
        List<CamtrapDpObservation> boxes = observations().stream()
                .filter(o -> o.deploymentID().equals("StationB")).toList();

        writer.write(Location.of(pkg()), project(), List.of(only), photos, boxes);

        JsonNode descriptor = JSON.readTree(pkg().resolve("datapackage.json").toFile());
        assertThat(descriptor.path("spatial")).isEqualTo(JSON.readTree("{\"type\": \"Point\", \"coordinates\": [118.1107, 5.6212]}"));
        assertThat(descriptor.path("taxonomic").isArray()).isTrue();
        assertThat(descriptor.path("taxonomic")).isEmpty();
        assertThat(descriptor.path("temporal")).isEqualTo(JSON.readTree("{\"start\": \"2009-04-05\", \"end\": \"2009-04-05\"}"));
        assertThat(new CamtrapDpValidator(schemas).validate(pkg()).findings()).isEmpty();
    }

    @Test
    void aDeploymentWithNeitherWindowNorTimedMediaIsRefused() {
        CamtrapDpDeployment b = deployments().get(1);
        List<CamtrapDpMedia> untimed = List.of(CamtrapDpFixture.photo("B3", "StationB", null, "StationB/IMG0003.JPG"));

        assertThatThrownBy(() -> writer.write(Location.of(pkg()), project(), List.of(b), untimed, List.of()))
                .isInstanceOf(InvalidCamtrapDpInput.class)
                .hasMessageContaining("deployment 'StationB': has no deploymentStart and no media with a timestamp"
                        + " to take it from; Camtrap DP requires both");
    }

    @Test
    void theSpatialCoverageIsAPointALineOrABox() {
        Coverage.Placed here = new Coverage.Placed(55.0, 12.0, at("2024-04-01T12:00:00"), at("2024-06-01T12:00:00"));
        Coverage.Placed east = new Coverage.Placed(55.0, 12.5, here.start(), here.end());
        Coverage.Placed northEast = new Coverage.Placed(55.5, 12.5, here.start(), here.end());

        assertThat(Coverage.spatial(List.of(here, here)).toString())
                .isEqualTo("{\"type\":\"Point\",\"coordinates\":[12.0,55.0]}");
        assertThat(Coverage.spatial(List.of(here, east)).toString())
                .isEqualTo("{\"type\":\"LineString\",\"coordinates\":[[12.0,55.0],[12.5,55.0]]}");
        assertThat(Coverage.spatial(List.of(here, northEast)).toString())
                .isEqualTo("{\"type\":\"Polygon\",\"coordinates\":[[[12.0,55.0],[12.5,55.0],[12.5,55.5],[12.0,55.5],[12.0,55.0]]]}");
    }

    @Test
    void theCameraModelIsManufacturerDashModel() {
        assertThat(CamtrapDpDeployment.cameraModel("RECONYX", "HF2 PRO COVERT")).isEqualTo("RECONYX-HF2 PRO COVERT");
        assertThat(CamtrapDpDeployment.cameraModel(" CUDDEBACK ", null)).isEqualTo("CUDDEBACK");
        assertThat(CamtrapDpDeployment.cameraModel(null, "G4")).isEqualTo("G4");
        assertThat(CamtrapDpDeployment.cameraModel("", " ")).isNull();
    }

    /** Rows that may be read once only, as a generator's; notes in {@code reads} when they are begun and finished. */
    private static final class ReadOnce<T> implements Iterable<T> {

        private final String name;
        private final List<T> rows;
        private final List<String> reads;
        private boolean begun;

        ReadOnce(String name, List<T> rows, List<String> reads) {
            this.name = name;
            this.rows = rows;
            this.reads = reads;
        }

        @Override
        public Iterator<T> iterator() {
            if (begun) {
                throw new IllegalStateException(name + " read a second time");
            }
            begun = true;
            reads.add(name);
            Iterator<T> it = rows.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    boolean more = it.hasNext();
                    if (!more && !reads.contains(name + " to the end")) {
                        reads.add(name + " to the end");
                    }
                    return more;
                }

                @Override
                public T next() {
                    return it.next();
                }
            };
        }
    }

    /** The CSV's records; the generated rows hold no line break inside a cell. */
    private static List<String> lines(Path csv) throws IOException {
        try (Stream<String> lines = Files.lines(csv)) {
            return lines.toList();
        }
    }

    /** The {@code column}th cell of each record after the header; the generated rows quote no cell. */
    private static List<String> cells(List<String> lines, int column) {
        return lines.stream().skip(1).map(line -> {
            int from = 0;
            for (int i = 0; i < column; i++) {
                from = line.indexOf(',', from) + 1;
            }
            return line.substring(from, line.indexOf(',', from));
        }).toList();
    }

    private List<Map<String, String>> table(String file) throws IOException {
        CsvFile csv = CsvFile.read(pkg().resolve(file));
        assertThat(csv.syntaxErrors()).as(file).isEmpty();
        List<Map<String, String>> rows = new ArrayList<>();
        for (CsvFile.Row row : csv.rows()) {
            Map<String, String> cells = new LinkedHashMap<>();
            for (int i = 0; i < csv.header().size(); i++) {
                cells.put(csv.header().get(i), row.cells().get(i));
            }
            rows.add(cells);
        }
        return rows;
    }

    private static Map<String, Map<String, String>> byId(List<Map<String, String>> rows, String key) {
        Map<String, Map<String, String>> byId = new LinkedHashMap<>();
        rows.forEach(r -> byId.put(r.get(key), r));
        return byId;
    }

    private static List<String> column(List<Map<String, String>> rows, String field) {
        return rows.stream().map(r -> r.get(field)).toList();
    }

    private static Set<String> unique(List<Map<String, String>> rows, String key) {
        List<String> ids = column(rows, key);
        Set<String> set = new HashSet<>(ids);
        assertThat(set).as(key + " unique").hasSameSizeAs(ids);
        return set;
    }

    private static List<String> terms(CamtrapDp.Term[] values) {
        return Arrays.stream(values).map(CamtrapDp.Term::term).toList();
    }

    private static List<String> fieldEnum(JsonNode schema, String field) {
        for (JsonNode f : schema.path("fields")) {
            if (f.path("name").asText().equals(field)) {
                return strings(f.path("constraints").path("enum"));
            }
        }
        throw new IllegalArgumentException(field);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
