package dk.munin.weather;

import java.time.Instant;

/** One hour of an archive, one observation time of a station, or one forecast time step: its UTC time and values. */
public record WeatherRecord(Instant time, WeatherValues values) {
}
