package dk.munin.weather;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;
import java.util.stream.Stream;

/**
 * The seed's weather variables at one time, each null when the provider lacks it, with the unit
 * in the name. Precipitation covers {@code precipitationPeriodHours} hours next to the record's
 * time (before it for Open-Meteo and Frost, after it for MET Norway's forecast: docs/weather.md).
 */
public record WeatherValues(
        @JsonProperty("air_temperature_c") Double airTemperatureC,
        @JsonProperty("relative_humidity_percent") Double relativeHumidityPercent,
        @JsonProperty("dew_point_temperature_c") Double dewPointTemperatureC,
        @JsonProperty("precipitation_amount_mm") Double precipitationAmountMm,
        @JsonProperty("precipitation_period_hours") Integer precipitationPeriodHours,
        @JsonProperty("wind_speed_ms") Double windSpeedMs,
        @JsonProperty("wind_from_direction_deg") Double windFromDirectionDeg,
        @JsonProperty("wind_speed_of_gust_ms") Double windSpeedOfGustMs,
        @JsonProperty("air_pressure_at_sea_level_hpa") Double airPressureAtSeaLevelHpa,
        @JsonProperty("visibility_m") Double visibilityM,
        @JsonProperty("cloud_area_fraction_percent") Double cloudAreaFractionPercent,
        @JsonProperty("ultraviolet_index") Double ultravioletIndex,
        @JsonProperty("symbol_code") String symbolCode) {

    /** No value at all: what an event without weather carries. */
    public static final WeatherValues NONE = new WeatherValues(null, null, null, null, null, null, null, null, null, null, null,
            null, null);

    /** True when every variable is null: a record that is there but holds nothing (Open-Meteo's lag, a Frost gap). */
    @JsonIgnore
    public boolean isEmpty() {
        return Stream.of(airTemperatureC, relativeHumidityPercent, dewPointTemperatureC, precipitationAmountMm, windSpeedMs,
                windFromDirectionDeg, windSpeedOfGustMs, airPressureAtSeaLevelHpa, visibilityM, cloudAreaFractionPercent,
                ultravioletIndex, symbolCode).allMatch(Objects::isNull);
    }
}
