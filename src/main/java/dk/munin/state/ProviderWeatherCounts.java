package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One weather provider's part in a run: what it was asked and what it gave (docs/weather.md).
 *
 * @param requests          HTTP requests sent (each retry counts), revalidations included
 * @param cacheHits         answers taken from weather/cache/ without asking
 * @param notModified       revalidations the service answered 304 Not Modified
 * @param failures          requests that ended without a usable answer (after their retries)
 * @param eventsWithWeather events whose weather this provider gave
 * @param skipped           why the provider was not asked at all in this run; null when it was
 */
public record ProviderWeatherCounts(
        @JsonProperty(value = "requests", required = true) long requests,
        @JsonProperty(value = "cache_hits", required = true) long cacheHits,
        @JsonProperty(value = "not_modified", required = true) long notModified,
        @JsonProperty(value = "failures", required = true) long failures,
        @JsonProperty(value = "events_with_weather", required = true) long eventsWithWeather,
        @JsonProperty(value = "skipped", required = true) String skipped) {
}
