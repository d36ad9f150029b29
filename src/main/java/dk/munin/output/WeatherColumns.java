package dk.munin.output;

import dk.munin.weather.EventWeather;
import dk.munin.weather.PriorDays;
import dk.munin.weather.WeatherSource;
import dk.munin.weather.WeatherValues;

import java.util.List;
import java.util.function.Function;

import static dk.munin.output.ParquetColumn.DOUBLE;
import static dk.munin.output.ParquetColumn.INT;
import static dk.munin.output.ParquetColumn.LONG;
import static dk.munin.output.ParquetColumn.STRING;
import static dk.munin.output.ParquetColumn.UTC_TIME;
import static dk.munin.output.ParquetColumn.optional;
import static dk.munin.output.ParquetColumn.required;
import static dk.munin.output.ParquetColumn.utc;

/**
 * clusters.parquet's weather columns (docs/weather.md): the status, the provenance of the values,
 * the seed's variables with their units in the names, and weather_days_back's summaries. Every
 * value is null unless weather_status is available.
 */
final class WeatherColumns {

    static final List<ParquetColumn<ClusterRow>> COLUMNS = List.of(
            required("weather_status", STRING, "available, unavailable, no_location, or negative (a category munin.weather.categories leaves out)", row -> row.weather().status()),
            optional("weather_reason", STRING, "why there is no weather; null when available", row -> row.weather().reason()),
            optional("weather_provider", STRING, "the provider that answered (open-meteo-archive, metno...), the chain when none did; null when none was asked", row -> row.weather().provider()),
            optional("weather_source_id", STRING, "the station (Frost's SN50540) or model grid point (grid 59.94,10.75) the values are for", row -> source(row, WeatherSource::id)),
            optional("weather_source_name", STRING, "the station's name, e.g. BERGEN - FLORIDA; null for a grid point", row -> source(row, WeatherSource::name)),
            optional("weather_source_latitude", DOUBLE, "the station's or grid point's latitude, WGS84 degrees", row -> source(row, WeatherSource::latitude)),
            optional("weather_source_longitude", DOUBLE, "the station's or grid point's longitude, WGS84 degrees", row -> source(row, WeatherSource::longitude)),
            optional("weather_source_distance_km", DOUBLE, "great-circle distance from the camera to the station or grid point, km", row -> source(row, WeatherSource::distanceKm)),
            optional("weather_record_time", UTC_TIME, "the archive hour, observation time or forecast step the values are from", row -> utc(row.weather().recordTime())),
            optional("weather_record_offset_minutes", LONG, "that time minus the event's start, minutes (at most munin.weather.max-step-distance-minutes either way)", row -> row.weather().recordOffsetMinutes()),
            optional("weather_attribution", STRING, "the credit the provider's licence asks for", row -> row.weather().attribution()),
            optional("air_temperature_c", DOUBLE, "air temperature at 2 m, degrees Celsius", value(WeatherValues::airTemperatureC)),
            optional("relative_humidity_percent", DOUBLE, "relative humidity at 2 m, %", value(WeatherValues::relativeHumidityPercent)),
            optional("dew_point_temperature_c", DOUBLE, "dew point at 2 m, degrees Celsius", value(WeatherValues::dewPointTemperatureC)),
            optional("precipitation_amount_mm", DOUBLE, "precipitation over precipitation_period_hours: before the record (Open-Meteo, Frost), after it (metno), mm", value(WeatherValues::precipitationAmountMm)),
            optional("precipitation_period_hours", INT, "1 or 6: the period precipitation and symbol_code cover", value(WeatherValues::precipitationPeriodHours)),
            optional("wind_speed_ms", DOUBLE, "wind speed at 10 m, m/s", value(WeatherValues::windSpeedMs)),
            optional("wind_from_direction_deg", DOUBLE, "direction the wind blows from, degrees clockwise from north", value(WeatherValues::windFromDirectionDeg)),
            optional("wind_speed_of_gust_ms", DOUBLE, "strongest gust, m/s (over the hour before the record for Open-Meteo and Frost)", value(WeatherValues::windSpeedOfGustMs)),
            optional("air_pressure_at_sea_level_hpa", DOUBLE, "air pressure reduced to sea level, hPa", value(WeatherValues::airPressureAtSeaLevelHpa)),
            optional("visibility_m", DOUBLE, "horizontal visibility, m (Open-Meteo's forecast and Frost stations that measure it)", value(WeatherValues::visibilityM)),
            optional("cloud_area_fraction_percent", DOUBLE, "cloud cover, %", value(WeatherValues::cloudAreaFractionPercent)),
            optional("ultraviolet_index", DOUBLE, "UV index (metno: for a clear sky)", value(WeatherValues::ultravioletIndex)),
            optional("symbol_code", STRING, "MET Norway weather symbol for the precipitation period, e.g. lightrain_night", value(WeatherValues::symbolCode)),
            optional("prior_days", INT, "the manifest's weather_days_back: the calendar days before the event's day summarised; null for 0", prior(PriorDays::days)),
            optional("prior_precipitation_sum_mm", DOUBLE, "precipitation over those days, mm; null when an hour of them is missing", prior(PriorDays::precipitationSumMm)),
            optional("prior_air_temperature_min_c", DOUBLE, "lowest air temperature of those days, degrees Celsius", prior(PriorDays::airTemperatureMinC)),
            optional("prior_air_temperature_max_c", DOUBLE, "highest air temperature of those days, degrees Celsius", prior(PriorDays::airTemperatureMaxC)));

    private WeatherColumns() {
    }

    private static Object source(ClusterRow row, Function<WeatherSource, Object> part) {
        return row.weather().source() == null ? null : part.apply(row.weather().source());
    }

    private static Function<ClusterRow, Object> value(Function<WeatherValues, Object> part) {
        return row -> part.apply(row.weather().values());
    }

    private static Function<ClusterRow, Object> prior(Function<PriorDays, Object> part) {
        return row -> {
            EventWeather weather = row.weather();
            return weather.priorDays() == null ? null : part.apply(weather.priorDays());
        };
    }
}
