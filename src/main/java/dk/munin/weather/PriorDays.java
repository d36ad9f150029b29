package dk.munin.weather;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Objects;

/**
 * The manifest's weather_days_back: the N calendar days before an event's day (camera-local),
 * each summarised, and the N days together: what ecologists relate activity to (rain in the
 * last days, a cold spell), from the same provider as the event's hour.
 *
 * @param days                N, the manifest's weather_days_back
 * @param precipitationSumMm  over the N days; null when a day's sum is unknown
 * @param airTemperatureMinC  the lowest temperature of the N days; null without any
 * @param airTemperatureMaxC  the highest
 * @param summaries           each day, the nearest first
 */
public record PriorDays(
        @JsonProperty("days") int days,
        @JsonProperty("precipitation_sum_mm") Double precipitationSumMm,
        @JsonProperty("air_temperature_min_c") Double airTemperatureMinC,
        @JsonProperty("air_temperature_max_c") Double airTemperatureMaxC,
        @JsonProperty("summaries") List<DaySummary> summaries) {

    private static final int HOURS_PER_DAY = 24;
    private static final Duration HOUR = Duration.ofHours(1);

    /**
     * @param localOffset the camera's UTC offset at the event, which says where its days begin
     * @return null for N = 0
     */
    static PriorDays of(WeatherSeries series, Instant event, ZoneOffset localOffset, int days) {
        if (days <= 0) {
            return null;
        }
        LocalDate eventDay = event.atOffset(localOffset).toLocalDate();
        List<DaySummary> summaries = new ArrayList<>();
        for (int back = 1; back <= days; back++) {
            summaries.add(day(series, eventDay.minusDays(back), localOffset));
        }
        boolean everySum = summaries.stream().allMatch(d -> d.precipitationSumMm() != null);
        DoubleSummaryStatistics minima = stats(summaries.stream().map(DaySummary::airTemperatureMinC).toList());
        DoubleSummaryStatistics maxima = stats(summaries.stream().map(DaySummary::airTemperatureMaxC).toList());
        return new PriorDays(days,
                everySum ? round(summaries.stream().mapToDouble(DaySummary::precipitationSumMm).sum()) : null,
                minima.getCount() == 0 ? null : minima.getMin(),
                maxima.getCount() == 0 ? null : maxima.getMax(),
                List.copyOf(summaries));
    }

    private static DaySummary day(WeatherSeries series, LocalDate date, ZoneOffset offset) {
        Instant start = date.atStartOfDay().toInstant(offset);
        Instant end = start.plus(Duration.ofDays(1));
        List<Double> temperatures = series.between(start, end).stream()
                .map(r -> r.values().airTemperatureC()).filter(Objects::nonNull).toList();
        // a record's precipitation lies before its time (Open-Meteo, Frost) or after it (MET Norway)
        Duration shift = series.precipitationBeforeRecord() ? HOUR : Duration.ZERO;
        List<Double> hourly = series.between(start.plus(shift), end.plus(shift)).stream()
                .map(WeatherRecord::values)
                .filter(v -> v.precipitationAmountMm() != null && Integer.valueOf(1).equals(v.precipitationPeriodHours()))
                .map(WeatherValues::precipitationAmountMm).toList();
        DoubleSummaryStatistics t = stats(temperatures);
        return new DaySummary(date,
                hourly.size() == HOURS_PER_DAY ? round(hourly.stream().mapToDouble(Double::doubleValue).sum()) : null,
                t.getCount() == 0 ? null : t.getMin(),
                t.getCount() == 0 ? null : t.getMax(),
                temperatures.size());
    }

    private static DoubleSummaryStatistics stats(List<Double> values) {
        return values.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).summaryStatistics();
    }

    /** Sums of tenths of a millimetre in binary floating point drift in the 15th digit. */
    private static double round(double mm) {
        return Math.round(mm * 1000) / 1000.0;
    }
}
