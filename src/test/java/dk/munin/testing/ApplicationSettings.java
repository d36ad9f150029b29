package dk.munin.testing;

import dk.munin.contract.settings.Settings;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The project's application.properties as the app reads it, for tests that build a part as the app does. */
public final class ApplicationSettings {

    private ApplicationSettings() {
    }

    /** The file alone: no system properties, no environment. */
    public static Settings settings() {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Settings.layered(List.of(properties), new Properties(), Map.of());
    }
}
