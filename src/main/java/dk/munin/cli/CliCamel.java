package dk.munin.cli;

import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

import java.util.Properties;

/**
 * Camel as a command starts it: the same settings files as every entry point, with the command
 * line's overrides over them, stopped when the command is done.
 */
final class CliCamel implements AutoCloseable {

    private final Main main;

    private CliCamel(Main main) {
        this.main = main;
    }

    /** @throws CouldNotStart with Camel's reason, which the command prints as it is */
    static CliCamel start(Properties overrides) {
        Main main = new Main();
        main.setPropertyPlaceholderLocations(CliSettings.SETTINGS_FILES);
        overrides.forEach((key, value) -> main.addOverrideProperty((String) key, (String) value));
        try {
            main.start();
        } catch (Exception e) {
            throw new CouldNotStart(e.getMessage(), e);
        }
        return new CliCamel(main);
    }

    CamelContext context() {
        return main.getCamelContext();
    }

    <T> T bean(String name, Class<T> type) {
        return main.getCamelContext().getRegistry().lookupByNameAndType(name, type);
    }

    @Override
    public void close() {
        main.stop();
    }

    static final class CouldNotStart extends RuntimeException {
        CouldNotStart(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
