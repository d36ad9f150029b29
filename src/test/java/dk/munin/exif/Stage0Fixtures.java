package dk.munin.exif;

import dk.munin.contract.settings.Settings;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.stage.stage0exif.Stage0Exif;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Stage-0 built from the real application.properties, as the app builds it. */
public final class Stage0Fixtures {

    private Stage0Fixtures() {
    }

    /** Stage-0's "now", for the future-time check. */
    public static final Clock NOW = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

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

    public static Stage0Settings settings(Map<String, String> overrides) {
        Properties properties = properties();
        properties.putAll(overrides);
        return Stage0Settings.from(Settings.layered(List.of(properties), new Properties(), Map.of()));
    }

    static JpegHeadReader heads() {
        Stage0Settings s = settings();
        return new JpegHeadReader(s.headBytes(), s.extensionBytes(), s.maxMetadataBytes());
    }

    static PhotoMetadataReader reader() {
        Stage0Settings s = settings();
        return new PhotoMetadataReader(heads(), new CameraMakes(s.cameraMakes()), s.maxImagePixels());
    }

    public static Stage0Exif stage(ObjectStore store, Clock clock, Map<String, String> overrides) {
        Stage0Settings settings = settings(overrides);
        return Stage0Exif.of(store, settings, clock);
    }
}
