package dk.munin.weather;

import dk.munin.clock.Sleeper;
import dk.munin.contract.settings.Settings;

import java.time.Duration;
import java.util.List;

/**
 * Where weather comes from (application.properties, "WeatherEnrichment").
 *
 * @param providers       munin.weather.providers, asked in this order: open-meteo-archive, open-meteo-forecast, metno,
 *                        frost or none
 * @param metNoUrl        munin.weather.metno.url
 * @param openMeteoArchiveUrl munin.weather.open-meteo.archive-url
 * @param openMeteoForecastUrl munin.weather.open-meteo.forecast-url
 * @param metNoUserAgent  munin.weather.metno.user-agent, which MET Norway's terms require
 * @param maxStepDistance munin.weather.max-step-distance-minutes
 * @param retries         munin.weather.retry.*: when a 429 or 5xx is asked again
 * @param spans           munin.weather.request.*: how events share a request
 * @param categories      munin.weather.categories: the events that get weather (positive events)
 * @param frost           munin.weather.frost.*: MET Norway's station observations
 * @param cache           munin.weather.cache.*: how long an answer in weather/cache/ is reused
 */
public record WeatherSettings(List<String> providers, String metNoUrl, String openMeteoArchiveUrl, String openMeteoForecastUrl,
                              String metNoUserAgent, Duration maxStepDistance,
                              int connectTimeoutMs, int responseTimeoutMs, RetryPolicy retries, WeatherLookup.Spans spans,
                              List<String> categories, Frost frost, CacheRules cache) {

    /**
     * @param url           munin.weather.frost.url, Frost's base URL (its resources lie below it)
     * @param clientId      munin.weather.frost.client-id; blank: Frost is skipped
     * @param maxDistanceKm munin.weather.frost.max-distance-km: the nearest station must be within it
     */
    public record Frost(String url, String clientId, double maxDistanceKm) {

        /** No Frost: no URL and no client id, so a chain naming frost skips it. */
        public static final Frost NONE = new Frost("", "", 0);
    }

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
                settings.list("munin.weather.categories"),
                new Frost(settings.text("munin.weather.frost.url"), settings.text(FrostObservations.CLIENT_ID_SETTING),
                        settings.decimal(FrostObservations.MAX_DISTANCE_SETTING)),
                new CacheRules(Duration.ofDays(settings.integer("munin.weather.cache.max-age-days")),
                        Duration.ofHours(settings.integer("munin.weather.cache.incomplete-max-age-hours"))));
    }
}
