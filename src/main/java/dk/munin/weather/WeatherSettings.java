package dk.munin.weather;

import dk.munin.contract.settings.Settings;

import java.time.Duration;

/**
 * Where weather comes from (application.properties, "WeatherEnrichment").
 *
 * @param provider        munin.weather.provider: metno or none
 * @param metNoUrl        munin.weather.metno.url
 * @param metNoUserAgent  munin.weather.metno.user-agent, which MET Norway's terms require
 * @param maxStepDistance munin.weather.max-step-distance-minutes
 */
public record WeatherSettings(String provider, String metNoUrl, String metNoUserAgent, Duration maxStepDistance,
                              int connectTimeoutMs, int responseTimeoutMs) {

    public static WeatherSettings from(Settings settings) {
        return new WeatherSettings(settings.text("munin.weather.provider"),
                settings.text("munin.weather.metno.url"),
                settings.text("munin.weather.metno.user-agent"),
                Duration.ofMinutes(settings.integer("munin.weather.max-step-distance-minutes")),
                settings.integer("munin.weather.connect-timeout-ms"),
                settings.integer("munin.weather.response-timeout-ms"));
    }
}
