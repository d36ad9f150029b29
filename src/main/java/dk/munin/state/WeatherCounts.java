package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * {@code weather_enrichment}: where the weather of each event went, and how many events got it.
 *
 * @param weatherUri     the weather/ folder holding event_weather.json
 * @param attribution    the credit the provider's licence asks for; null for none
 * @param withoutWeather events without weather, per reason (docs/weather.md)
 */
public record WeatherCounts(
        @JsonProperty(value = "weather_uri", required = true) String weatherUri,
        @JsonProperty(value = "provider", required = true) String provider,
        @JsonProperty(value = "attribution", required = true) String attribution,
        @JsonProperty(value = "events_with_weather", required = true) long eventsWithWeather,
        @JsonProperty(value = "events_without_weather", required = true) long eventsWithoutWeather,
        @JsonProperty(value = "without_weather", required = true) Map<String, Long> withoutWeather) {
}
