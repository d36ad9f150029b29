package dk.munin.manifest;

import dk.munin.contract.storage.KeyRule;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** docs/storage.md quotes the key rule's reasons and the manifest's refusals as the code words them. */
class StorageDocTest {

    private static final String DOC = read();

    private static String read() {
        try {
            return Files.readString(Path.of("docs", "storage.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyReasonOfTheKeyRuleIsInTheDoc() {
        for (String key : List.of("", "x\0.jpg", "C:\\x.jpg", "/etc/passwd", "s3://other-bucket/x.jpg", "C:/x.jpg", "a//x.jpg", "../../x.jpg")) {
            String reason = KeyRule.problem(key).orElseThrow();
            assertThat(DOC).as("the reason for %s", KeyRule.printable(key)).contains("`" + reason + "`");
        }
        assertThat(KeyRule.problem("a/./x.jpg")).hasValueSatisfying(reason -> assertThat(reason).isEqualTo(
                KeyRule.problem("a/../x.jpg").orElseThrow().replace("'..'", "'.'")));
    }

    @Test
    void theManifestsRefusalsAreWordedAsTheDocQuotesThem() {
        ManifestRules rules = new ManifestRules(ManifestRulesTest.DEFAULTS);

        assertThatThrownBy(() -> rules.validate(ManifestRulesTest.seedExample().put("input_uri", "s3://bucket/raw/")
                .put("output_uri", "s3://bucket/raw/results/"))).satisfies(e -> assertThat(DOC).contains(e.getMessage()));
        assertThatThrownBy(() -> rules.validate(ManifestRulesTest.seedExample().put("input_uri", "s3://bucket/raw/")
                .put("output_uri", "s3://bucket/raw"))).satisfies(e -> assertThat(DOC).contains(e.getMessage()));
        assertThatThrownBy(() -> rules.validate(ManifestRulesTest.seedExample().put("input_uri", "/data/photos\0/x")))
                .satisfies(e -> assertThat(DOC).contains(((InvalidManifest) e).reason()));
    }
}
