package dk.munin.exif;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;

/** Stage-0 built from the real application.properties, as the app builds it. */
public final class Stage0Fixtures {

    private Stage0Fixtures() {
    }

    static Properties properties() {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    static Stage0Settings settings() {
        return settings(Map.of());
    }

    static Stage0Settings settings(Map<String, String> overrides) {
        Properties properties = properties();
        properties.putAll(overrides);
        return Stage0Settings.from(properties::getProperty);
    }

    static JpegHeadReader heads() {
        Stage0Settings s = settings();
        return new JpegHeadReader(s.headBytes(), s.extensionBytes(), s.maxMetadataBytes());
    }

    static PhotoMetadataReader reader() {
        Stage0Settings s = settings();
        return new PhotoMetadataReader(heads(), new CameraMakes(s.cameraMakes()), s.maxImagePixels());
    }

    public static Stage0Exif stage(dk.munin.contract.storage.ObjectStore store, Clock clock, Map<String, String> overrides) {
        return new Stage0Exif(store, settings(overrides), clock);
    }
}
