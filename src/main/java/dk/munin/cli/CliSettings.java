package dk.munin.cli;

import dk.munin.contract.settings.Settings;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The settings a command sees before (or without) Camel, in the order Camel's properties
 * component looks them up: the command line's own overrides (--model), then environment
 * variables, then -D system properties, then the working folder's application.properties, then
 * the jar's. {@link #SETTINGS_FILES} gives camel-main the same two files.
 */
final class CliSettings {

    /** Both the jar's settings and the checkout's application.properties, which wins, so edits need no rebuild. */
    static final String SETTINGS_FILES = "classpath:application.properties;optional=true,file:application.properties;optional=true";

    private CliSettings() {
    }

    static Settings of(Properties overrides) {
        Settings layered = Settings.layered(List.of(packaged(), local()), System.getProperties(), System.getenv());
        return new Settings(key -> overrides.containsKey(key) ? Optional.of(overrides.getProperty(key)) : layered.raw(key));
    }

    private static Properties packaged() {
        Properties settings = new Properties();
        try (InputStream in = CliSettings.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                settings.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the jar's application.properties", e);
        }
        return settings;
    }

    private static Properties local() {
        Properties settings = new Properties();
        Path file = Path.of("application.properties");
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                settings.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file.toAbsolutePath(), e);
            }
        }
        return settings;
    }
}
