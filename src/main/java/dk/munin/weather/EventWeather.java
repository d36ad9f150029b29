package dk.munin.weather;

import java.time.Instant;

/**
 * The weather attached to one event, or why there is none. Values come from one forecast
 * time step no further from the event than the configured tolerance; they are null when
 * {@code status} is {@code unavailable}. Precipitation and the symbol cover the
 * {@code precipitationPeriodHours} hours that start at {@code stepTime} (1, or 6 where the
 * forecast has become 6-hourly; null when the step has neither).
 */
public record EventWeather(
        String eventId,
        String status,
        String reason,
        String provider,
        Instant stepTime,
        Double airTemperatureC,
        Double relativeHumidityPercent,
        Double windSpeedMs,
        Double windFromDirectionDeg,
        Double cloudAreaFractionPercent,
        Double airPressureAtSeaLevelHpa,
        Double precipitationAmountMm,
        Integer precipitationPeriodHours,
        String symbolCode) {

    public static final String AVAILABLE = "available";
    public static final String UNAVAILABLE = "unavailable";

    public static EventWeather unavailable(String eventId, String provider, String reason) {
        return new EventWeather(eventId, UNAVAILABLE, reason, provider, null, null, null, null, null, null, null, null, null, null);
    }
}
