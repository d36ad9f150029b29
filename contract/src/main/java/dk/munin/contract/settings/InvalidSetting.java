package dk.munin.contract.settings;

/** A setting is missing or malformed: the message names it, its environment variable and what would be accepted. */
public class InvalidSetting extends IllegalStateException {

    private InvalidSetting(String message) {
        super(message);
    }

    static InvalidSetting missing(String key) {
        return new InvalidSetting("Setting " + key + " (environment variable " + Settings.environmentVariable(key)
                + ") is missing: it belongs in application.properties");
    }

    static InvalidSetting malformed(String key, String value, String expected) {
        return new InvalidSetting("Setting " + key + " (environment variable " + Settings.environmentVariable(key)
                + ") must be " + expected + ", got '" + value + "'");
    }
}
