package dk.munin;

import org.apache.camel.CamelContext;

import java.util.Optional;

/** Typed reads of application.properties; a missing setting is an error naming the key. */
public final class Settings {

    private final CamelContext camel;

    public Settings(CamelContext camel) {
        this.camel = camel;
    }

    public Optional<String> optional(String key) {
        return camel.getPropertiesComponent().resolveProperty(key).map(String::trim).filter(value -> !value.isEmpty());
    }

    public String text(String key) {
        return camel.getPropertiesComponent().resolveProperty(key)
                .map(String::trim)
                .orElseThrow(() -> new IllegalStateException("Setting " + key + " is missing from application.properties"));
    }

    public int integer(String key) {
        return Integer.parseInt(text(key));
    }

    public long whole(String key) {
        return Long.parseLong(text(key));
    }

    public double decimal(String key) {
        return Double.parseDouble(text(key));
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(text(key));
    }
}
