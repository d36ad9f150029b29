package dk.munin.contract.settings;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * Typed reads of Munin's settings, whatever holds them: every process looks a key up in the same
 * order, which is the order of Camel's properties component, so a setting means the same under
 * {@code munin run}, {@code munin stage0}, {@code camel run}, in a Lambda function and in the
 * detector container:
 *
 * <ol>
 *   <li>an environment variable named by Camel's convention, {@link #environmentVariable}
 *       ({@code munin.weather.provider} is {@code MUNIN_WEATHER_PROVIDER}): how Lambda and Batch
 *       are configured;</li>
 *   <li>a JVM system property ({@code -Dmunin.weather.provider=none});</li>
 *   <li>the settings files, a later one winning (the jar's application.properties, then the
 *       working folder's).</li>
 * </ol>
 *
 * A missing or malformed value is an {@link InvalidSetting} naming the key and its variable.
 */
public final class Settings {

    private final Function<String, Optional<String>> lookup;

    /** @param lookup the raw value of a key, already layered (e.g. Camel's properties component) */
    public Settings(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /**
     * For processes without Camel: the files, then system properties, then the environment.
     *
     * @param files lowest first
     */
    public static Settings layered(List<Properties> files, Properties system, Map<String, String> environment) {
        return new Settings(key -> {
            String fromEnvironment = environment.get(environmentVariable(key));
            if (fromEnvironment != null) {
                return Optional.of(fromEnvironment);
            }
            String fromSystem = system.getProperty(key);
            if (fromSystem != null) {
                return Optional.of(fromSystem);
            }
            for (int i = files.size() - 1; i >= 0; i--) {
                String fromFile = files.get(i).getProperty(key);
                if (fromFile != null) {
                    return Optional.of(fromFile);
                }
            }
            return Optional.empty();
        });
    }

    /** Camel's convention: upper case, '.' and '-' become '_'. */
    public static String environmentVariable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The value as found, blank included; empty only when no layer has the key. */
    public Optional<String> raw(String key) {
        return lookup.apply(key);
    }

    /** The value, trimmed; empty when the key is absent or blank. */
    public Optional<String> optional(String key) {
        return lookup.apply(key).map(String::trim).filter(value -> !value.isEmpty());
    }

    /** A value that must be there (it may be blank: an empty setting says "none"). */
    public String text(String key) {
        return lookup.apply(key).map(String::trim).orElseThrow(() -> InvalidSetting.missing(key));
    }

    public int integer(String key) {
        return parsed(key, "a whole number", Integer::parseInt);
    }

    public long whole(String key) {
        return parsed(key, "a whole number", Long::parseLong);
    }

    public double decimal(String key) {
        return parsed(key, "a number", Double::parseDouble);
    }

    public boolean flag(String key) {
        return parsed(key, "true or false", value -> {
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(value);
            }
            throw new IllegalArgumentException(value);
        });
    }

    /** A comma-separated list, each item trimmed, empty items left out. */
    public List<String> list(String key) {
        return Arrays.stream(text(key).split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    /** A comma-separated list of things {@code parser} makes of each item. */
    public <T> List<T> list(String key, String expected, Function<String, T> parser) {
        return list(key).stream().map(item -> {
            try {
                return parser.apply(item);
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                throw InvalidSetting.malformed(key, item, expected);
            }
        }).toList();
    }

    /** A value turned into something by {@code parser}, whose IllegalArgumentException becomes an InvalidSetting. */
    public <T> T parsed(String key, String expected, Function<String, T> parser) {
        String value = optional(key).orElseThrow(() -> InvalidSetting.missing(key));
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw InvalidSetting.malformed(key, value, expected);
        }
    }
}
