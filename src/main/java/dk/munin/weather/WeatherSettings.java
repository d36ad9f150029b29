package dk.munin.weather;

import dk.munin.clock.Sleeper;
import dk.munin.contract.settings.Settings;

import java.time.Duration;
import java.util.List;

/**
 * Where weather comes from (application.properties, "WeatherEnrichment").
 *
 * @param providers       munin.weather.providers, asked in this order: open-meteo-archive, open-meteo-forecast, metno or none
 * @param metNoUrl        munin.weather.metno.url
 * @param openMeteoArchiveUrl munin.weather.open-meteo.archive-url
 * @param openMeteoForecastUrl munin.weather.open-meteo.forecast-url
 * @param metNoUserAgent  munin.weather.metno.user-agent, which MET Norway's terms require
 * @param maxStepDistance munin.weather.max-step-distance-minutes
 * @param retries         munin.weather.retry.*: when a 429 or 5xx is asked again
 * @param spans           munin.weather.request.*: how events share a request
 * @param categories      munin.weather.categories: the events that get weather (positive events)
 */
public record WeatherSettings(List<String> providers, String metNoUrl, String openMeteoArchiveUrl, String openMeteoForecastUrl,
                              String metNoUserAgent, Duration maxStepDistance,
                              int connectTimeoutMs, int responseTimeoutMs, RetryPolicy retries, WeatherLookup.Spans spans,
                              List<String> categories) {

    public static WeatherSettings from(Settings settings) {
        return new WeatherSettings(settings.list("munin.weather.providers"),
                settings.text("munin.weather.metno.url"),
                settings.text("munin.weather.open-meteo.archive-url"),
                settings.text("munin.weather.open-meteo.forecast-url"),
                settings.text("munin.weather.metno.user-agent"),
                Duration.ofMinutes(settings.integer("munin.weather.max-step-distance-minutes")),
                settings.integer("munin.weather.connect-timeout-ms"),
                settings.integer("munin.weather.response-timeout-ms"),
                new RetryPolicy(settings.integer("munin.weather.retry.max-attempts"),
                        Duration.ofMillis(settings.integer("munin.weather.retry.backoff-ms")),
                        Duration.ofSeconds(settings.integer("munin.weather.retry.max-wait-seconds")), Sleeper.REAL),
                new WeatherLookup.Spans(Duration.ofDays(settings.integer("munin.weather.request.join-gap-days")),
                        Duration.ofDays(settings.integer("munin.weather.request.max-days"))),
                settings.list("munin.weather.categories"));
    }
}
