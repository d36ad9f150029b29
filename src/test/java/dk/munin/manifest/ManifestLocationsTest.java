package dk.munin.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The manifest's input_uri and output_uri (docs/storage.md): each refusal names the field and the reason. */
class ManifestLocationsTest {

    private final ManifestRules rules = new ManifestRules(ManifestRulesTest.DEFAULTS);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "input_uri  | s3://bucket/raw/../x/      | has the prefix \"raw/../x/\" in s3://bucket/raw/../x/, which Munin refuses: it has a '..' segment",
            "input_uri  | s3://bucket/raw/./cam/     | it has a '.' segment",
            "input_uri  | s3://bucket//raw/          | it starts with '/', an absolute path (S3 keeps such keys literally",
            "input_uri  | s3://bucket/raw//cam/      | it has an empty segment ('//')",
            "input_uri  | s3://bucket/raw\\cam/      | it holds a backslash",
            "input_uri  | s3://bucket/s3://other/    | it is a URI, not a key below the folder",
            "input_uri  | s3://Bucket_Name/raw/      | names the bucket \"Bucket_Name\", which S3 does not allow",
            "input_uri  | s3://b/raw/                | names the bucket \"b\", which S3 does not allow",
            "input_uri  | s3://my..bucket/raw/       | names the bucket \"my..bucket\", which S3 does not allow",
            "output_uri | C:\\photos\\out           | backslashes and drive letters are Windows paths",
            "output_uri | C:/photos/out              | backslashes and drive letters are Windows paths",
            "output_uri | out\\run1                  | backslashes and drive letters are Windows paths",
            "input_uri  | ftp://host/photos          | Unsupported location 'ftp://host/photos'",
            "input_uri  | s3:///raw/                 | An s3:// location needs a bucket",
    })
    void aLocationThatCannotBeNamedPlainlyIsRefused(String field, String value, String reason) {
        ObjectNode manifest = ManifestRulesTest.seedExample();
        manifest.put(field, value);

        assertThatThrownBy(() -> rules.validate(manifest)).isInstanceOf(InvalidManifest.class)
                .satisfies(e -> assertThat(((InvalidManifest) e).field()).isEqualTo(field))
                .hasMessageContaining(reason);
    }

    @Test
    void aNulIsRefusedAndShownEscaped() {
        ObjectNode manifest = ManifestRulesTest.seedExample();
        manifest.put("input_uri", "/data/photos\0/x");

        assertThatThrownBy(() -> rules.validate(manifest)).hasMessage(
                "Manifest field 'input_uri': must not hold a NUL character, got \"/data/photos\\u0000/x\"");
    }

    @ParameterizedTest(name = "{0} and {1}")
    @CsvSource(delimiter = '|', value = {
            "s3://bucket/raw/          | s3://bucket/raw/results/   | output_uri | is inside input_uri: output_uri s3://bucket/raw/results/ is below input_uri s3://bucket/raw/",
            "s3://bucket               | s3://bucket/results/       | output_uri | is inside input_uri: output_uri s3://bucket/results/ is below input_uri s3://bucket/",
            "s3://bucket/raw/cam01/    | s3://bucket/raw            | input_uri  | is inside output_uri: input_uri s3://bucket/raw/cam01/ is below output_uri s3://bucket/raw/",
            "s3://bucket/raw           | s3://bucket/raw/           | output_uri | must differ from input_uri, or outputs would be mixed with the photos: both are s3://bucket/raw/",
            "/data/photos              | /data/photos/out           | output_uri | is inside input_uri: output_uri file:/data/photos/out/ is below input_uri file:/data/photos/",
            "/data/photos/2024/cam01   | /data/photos               | input_uri  | is inside output_uri: input_uri file:/data/photos/2024/cam01/ is below output_uri file:/data/photos/",
            "/data/photos              | /data/photos/../photos/x   | output_uri | is inside input_uri: output_uri file:/data/photos/x/ is below input_uri file:/data/photos/",
            "file:///data/photos/      | /data/./photos             | output_uri | must differ from input_uri",
            "/                         | /data/out                  | output_uri | is inside input_uri",
    })
    void foldersInsideEachOtherAreRefusedNamingBoth(String input, String output, String field, String message) {
        ObjectNode manifest = ManifestRulesTest.seedExample().put("input_uri", input).put("output_uri", output);

        assertThatThrownBy(() -> rules.validate(manifest)).isInstanceOf(InvalidManifest.class)
                .satisfies(e -> assertThat(((InvalidManifest) e).field()).isEqualTo(field))
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0} and {1}")
    @CsvSource(delimiter = '|', value = {
            "s3://bucket/raw/          | s3://bucket/raw-results/",
            "s3://bucket/raw/          | s3://other-bucket/raw/",
            "s3://my.bucket-01         | s3://my.bucket-02/out/",
            "/data/photos              | /data/photos-out",
            "../photos                 | ../results",
            "s3://bucket/raw/          | /data/raw",
            "/data/Station Ø/2024      | /data/Station Ø/results",
    })
    void separateFoldersAreAccepted(String input, String output) {
        Manifest manifest = rules.validate(ManifestRulesTest.seedExample().put("input_uri", input).put("output_uri", output));

        assertThat(manifest.inputUri()).isEqualTo(input);
        assertThat(manifest.outputUri()).isEqualTo(output);
    }

    /** A link makes two names for one folder: the folders are compared with links resolved, as far as they exist. */
    @Test
    void anOutputThatIsInsideTheInputThroughALinkIsRefused() throws IOException {
        Path survey = Files.createDirectories(dir.resolve("survey"));
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), survey);
        Path results = Files.createSymbolicLink(dir.resolve("results"), Files.createDirectories(survey.resolve("2024/results")));

        assertThatThrownBy(() -> rules.validate(ManifestRulesTest.seedExample()
                .put("input_uri", survey.toString()).put("output_uri", alias.resolve("not-yet/out").toString())))
                .hasMessageContaining("output_uri file:" + alias + "/not-yet/out/ (file:" + survey + "/not-yet/out/)")
                .hasMessageContaining("is below input_uri file:" + survey + "/,");
        assertThatThrownBy(() -> rules.validate(ManifestRulesTest.seedExample()
                .put("input_uri", survey.toString()).put("output_uri", results.toString())))
                .hasMessageContaining("Manifest field 'output_uri': is inside input_uri");
        assertThatThrownBy(() -> rules.validate(ManifestRulesTest.seedExample()
                .put("input_uri", alias.resolve("2024").toString()).put("output_uri", survey.toString())))
                .hasMessageContaining("Manifest field 'input_uri': is inside output_uri");
    }
}
