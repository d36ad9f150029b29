package dk.munin.weather;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What one request to a provider gave for one place: where the values are for and its records
 * in time order. An event takes the record nearest its time, and only one at most the
 * tolerance away: weather from another time is never attached.
 *
 * @param precipitationBeforeRecord true when a record's precipitation is the sum over the hour
 *                                  before its time (Open-Meteo, Frost), false when over the
 *                                  period after it (MET Norway's forecast)
 */
public record WeatherSeries(WeatherSource source, List<WeatherRecord> records, boolean precipitationBeforeRecord) {

    public WeatherSeries {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("the answer has no times");
        }
        records = records.stream().sorted(Comparator.comparing(WeatherRecord::time)).toList();
    }

    Instant first() {
        return records.get(0).time();
    }

    Instant last() {
        return records.get(records.size() - 1).time();
    }

    /** The record nearest {@code time}, if it is at most {@code tolerance} away. */
    Optional<WeatherRecord> nearest(Instant time, Duration tolerance) {
        WeatherRecord nearest = records.stream()
                .min(Comparator.comparing(record -> Duration.between(record.time(), time).abs()))
                .orElseThrow();
        return Duration.between(nearest.time(), time).abs().compareTo(tolerance) <= 0 ? Optional.of(nearest) : Optional.empty();
    }

    /** The records whose time lies in [from, to). */
    List<WeatherRecord> between(Instant from, Instant to) {
        return records.stream().filter(r -> !r.time().isBefore(from) && r.time().isBefore(to)).toList();
    }
}
