package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * {@code weather_enrichment}: where the weather of each event went, and how many events got it.
 *
 * @param weatherUri     the weather/ folder holding event_weather.jsonl and the cache
 * @param provider       the chain of munin.weather.providers, "open-meteo-archive,metno"
 * @param attribution    the credits the providers' licences ask for; null for none
 * @param daysBack       the manifest's weather_days_back: the days before each event summarised
 * @param withoutWeather events without weather, per reason (docs/weather.md)
 * @param providers      per provider of the chain: requests, cache hits, failures, events, or why it was skipped
 */
public record WeatherCounts(
        @JsonProperty(value = "weather_uri", required = true) String weatherUri,
        @JsonProperty(value = "provider", required = true) String provider,
        @JsonProperty(value = "attribution", required = true) String attribution,
        @JsonProperty(value = "days_back", required = true) int daysBack,
        @JsonProperty(value = "events_with_weather", required = true) long eventsWithWeather,
        @JsonProperty(value = "events_without_weather", required = true) long eventsWithoutWeather,
        @JsonProperty(value = "without_weather", required = true) Map<String, Long> withoutWeather,
        @JsonProperty(value = "providers", required = true) Map<String, ProviderWeatherCounts> providers) {
}
