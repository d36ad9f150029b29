package dk.munin.storage;

import dk.munin.contract.storage.S3Retries;
import dk.munin.testing.ApplicationSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/storage-faults.md states the retry bounds application.properties sets, every one of them. */
class StorageDocTest {

    private static final Pattern ROW = Pattern.compile("^\\| `(munin\\.s3\\.[a-z-]+)` \\| (\\d+) \\|", Pattern.MULTILINE);

    @Test
    void theBoundsTableIsApplicationPropertiesOwn() throws Exception {
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher row = ROW.matcher(Files.readString(Path.of("docs/storage-faults.md")));
        while (row.find()) {
            documented.put(row.group(1), row.group(2));
        }

        assertThat(documented).isEqualTo(S3Retries.from(ApplicationSettings.settings()).asSettings());
    }
}
