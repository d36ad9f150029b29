package dk.munin.output.camtrapdp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The official Camtrap DP 1.0.2 example from ../shared/data validates; copies of it with one
 * planted mistake each are caught, with the file, row and field named.
 */
class CamtrapDpValidatorTest {

    private static final Path SHARED = Path.of("../shared/data/reference");
    private static final Path EXAMPLE = SHARED.resolve("camtrap-dp-example");
    private static final Path SCHEMAS = SHARED.resolve("camtrap-dp-schema");

    @TempDir
    Path temp;
    private Path pkg;
    private CamtrapDpValidator validator;

    @BeforeEach
    void copyExample() throws IOException {
        assumeTrue(Files.isRegularFile(EXAMPLE.resolve("datapackage.json"))
                        && Files.isRegularFile(SCHEMAS.resolve(CamtrapDpValidator.PROFILE_FILE)),
                "Skipped: the Camtrap DP example and schemas " + SHARED.toAbsolutePath().normalize()
                        + " are not there (../shared/data is only present on the project's machines)");
        pkg = Files.createDirectory(temp.resolve("package"));
        try (Stream<Path> files = Files.list(EXAMPLE)) {
            for (Path f : files.toList()) {
                Files.copy(f, pkg.resolve(f.getFileName()));
            }
        }
        validator = new CamtrapDpValidator(SCHEMAS);
    }

    @Test
    void theOfficialExampleIsValid() {
        Validation result = validator.validate(pkg);

        assertThat(result.findings()).isEmpty();
        assertThat(result.valid()).isTrue();
        // what could not be checked is said, not passed: the profile's two remote $refs and the inline resource
        assertThat(result.unchecked()).containsExactly(
                "datapackage.json: the profile's $ref https://specs.frictionlessdata.io/schemas/data-package.json"
                        + " is remote and no local copy was given (no network here); its rules were not checked",
                "datapackage.json: the profile's $ref http://json.schemastore.org/geojson.json"
                        + " is remote and no local copy was given (no network here); its rules were not checked",
                "resource 'individuals': inline data is not checked");
    }

    @Test
    void aMissingRequiredValueIsCaught() throws IOException {
        setCell("media.csv", 5, "timestamp", "");

        assertThat(findings()).containsExactly("media.csv row 5 field timestamp: is required but empty");
    }

    @Test
    void aBadObservationTypeIsCaught() throws IOException {
        setCell("observations.csv", 7, "observationType", "animals");

        assertThat(findings()).containsExactly("observations.csv row 7 field observationType: 'animals' is not one of"
                + " [animal, human, vehicle, blank, unknown, unclassified]");
    }

    @Test
    void aDatetimeWithoutOffsetIsCaught() throws IOException {
        setCell("observations.csv", 4, "eventStart", "2020-05-30 02:57:37");

        assertThat(findings()).containsExactly("observations.csv row 4 field eventStart: '2020-05-30 02:57:37'"
                + " is not a datetime in the format '%Y-%m-%dT%H:%M:%S%z'");
    }

    @Test
    void theDatetimeOffsetFormsOfStrptimeAreAccepted() throws IOException {
        setCell("observations.csv", 4, "eventStart", "2020-05-30T04:57:37+0200");
        setCell("observations.csv", 5, "eventStart", "2020-05-30T04:57:37+02:00");

        assertThat(findings()).isEmpty();
    }

    @Test
    void aDuplicatePrimaryKeyIsCaught() throws IOException {
        // every example media row is observed, so a renamed one would also leave foreign keys
        // dangling; a copied row repeats the key and nothing else
        List<List<String>> media = read("media.csv");
        media.add(new ArrayList<>(media.get(2)));
        write("media.csv", media);
        int copy = media.size() - 1;
        String mediaID = media.get(2).get(media.get(0).indexOf("mediaID"));

        assertThat(findings()).containsExactly(
                "media.csv row " + copy + " field mediaID: primary key " + mediaID + " repeats row 2");
    }

    @Test
    void aResourceSchemaOfAnotherVersionIsCaughtByTheProfile() throws IOException {
        Path descriptor = pkg.resolve("datapackage.json");
        Files.writeString(descriptor, Files.readString(descriptor)
                .replace("camtrap-dp/1.0.2/media-table-schema.json", "camtrap-dp/1.0.1/media-table-schema.json"));

        assertThat(validator.validate(pkg).findings()).extracting(Finding::toString)
                .contains("datapackage.json field /resources/1/schema: does not match the regex pattern 1\\.0\\.2");
    }

    @Test
    void aDanglingForeignKeyIsCaught() throws IOException {
        setCell("media.csv", 3, "deploymentID", "nosuchdeployment");

        assertThat(findings()).containsExactly("media.csv row 3 field deploymentID: foreign key nosuchdeployment"
                + " is not a deploymentID in deployments.csv");
    }

    @Test
    void aWrongHeaderOrderIsCaught() throws IOException {
        List<List<String>> rows = read("deployments.csv");
        int lat = rows.get(0).indexOf("latitude");
        int lon = rows.get(0).indexOf("longitude");
        for (List<String> r : rows) {
            String l = r.get(lat);
            r.set(lat, r.get(lon));
            r.set(lon, l);
        }
        write("deployments.csv", rows);

        // the values are still read by name, so only the header is at fault
        assertThat(findings()).containsExactly(
                "deployments.csv field latitude: header column " + (lat + 1) + " is 'longitude', the schema expects 'latitude' there",
                "deployments.csv field longitude: header column " + (lon + 1) + " is 'latitude', the schema expects 'longitude' there");
    }

    @Test
    void aDatapackageWithoutARequiredPropertyIsCaught() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode descriptor = (ObjectNode) json.readTree(pkg.resolve("datapackage.json").toFile());
        descriptor.remove("project");
        json.writeValue(pkg.resolve("datapackage.json").toFile(), descriptor);

        List<Finding> findings = validator.validate(pkg).findings();

        assertThat(findings).extracting(Finding::toString)
                .containsExactly("datapackage.json field /project: required property 'project' not found");
        assertThat(findings.get(0).row()).isNull();
    }

    @Test
    void aLocalCopyOfARemoteSchemaIsUsedInsteadOfBeingSkipped() throws IOException {
        // a stand-in for the Frictionless schema, stricter than the real one so its use shows
        Path copy = Files.writeString(temp.resolve("data-package.json"),
                "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"required\":[\"mustBeThere\"]}");
        String url = "https://specs.frictionlessdata.io/schemas/data-package.json";
        Validation result = new CamtrapDpValidator(SCHEMAS, Map.of(url, copy)).validate(pkg);

        assertThat(result.findings()).extracting(Finding::toString)
                .containsExactly("datapackage.json field /mustBeThere: required property 'mustBeThere' not found");
        assertThat(result.unchecked()).noneMatch(u -> u.contains(url));
    }

    private List<String> findings() {
        return validator.validate(pkg).findings().stream().map(Finding::toString).toList();
    }

    private List<List<String>> read(String file) throws IOException {
        CsvFile csv = CsvFile.read(pkg.resolve(file));
        List<List<String>> rows = new ArrayList<>();
        rows.add(new ArrayList<>(csv.header()));
        csv.rows().forEach(r -> rows.add(new ArrayList<>(r.cells())));
        return rows;
    }

    private static List<String> column(List<List<String>> rows, String field) {
        int i = rows.get(0).indexOf(field);
        return rows.stream().skip(1).map(r -> r.get(i)).toList();
    }

    /** Sets one cell; {@code row} is the 1-based data row, as findings name it. */
    private void setCell(String file, int row, String field, String value) throws IOException {
        List<List<String>> rows = read(file);
        int column = rows.get(0).indexOf(field);
        assertThat(column).as(field + " in " + file).isNotNegative();
        rows.get(row).set(column, value);
        write(file, rows);
    }

    private void write(String file, List<List<String>> rows) throws IOException {
        String text = rows.stream()
                .map(r -> r.stream().map(CamtrapDpValidatorTest::quoted).collect(Collectors.joining(",")))
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(pkg.resolve(file), text);
    }

    private static String quoted(String cell) {
        return cell.matches("(?s).*[\",\r\n].*") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }
}
