package dk.munin.weather;

import java.time.Instant;

/**
 * One time step of a Locationforecast: the instant values at {@code time}, and the
 * precipitation and weather symbol of the period that starts there ({@code periodHours} long:
 * 1 where the forecast has next_1_hours, 6 where only next_6_hours is left, null on the last
 * step, which has neither).
 */
record ForecastStep(
        Instant time,
        Double airTemperatureC,
        Double relativeHumidityPercent,
        Double windSpeedMs,
        Double windFromDirectionDeg,
        Double cloudAreaFractionPercent,
        Double airPressureAtSeaLevelHpa,
        Double precipitationAmountMm,
        Integer periodHours,
        String symbolCode) {
}
