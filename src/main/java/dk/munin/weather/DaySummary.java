package dk.munin.weather;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.LocalDate;

/**
 * One calendar day before an event, in the camera's local time, from a provider's hourly records.
 * The precipitation sum needs every hour of the day; the temperatures are over the hours there are.
 *
 * @param hours the hours of the day with a temperature
 */
public record DaySummary(
        @JsonProperty("date") LocalDate date,
        @JsonProperty("precipitation_sum_mm") Double precipitationSumMm,
        @JsonProperty("air_temperature_min_c") Double airTemperatureMinC,
        @JsonProperty("air_temperature_max_c") Double airTemperatureMaxC,
        @JsonProperty("hours") int hours) {
}
