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

    /**
     * The record nearest {@code time}, if it is at most {@code tolerance} away; of two as near,
     * the earlier. The records are in time order, so a binary search finds it: a year of hours is
     * asked once per event and day summarised.
     */
    Optional<WeatherRecord> nearest(Instant time, Duration tolerance) {
        int after = firstAtOrAfter(time);
        WeatherRecord nearest;
        if (after == records.size()) {
            nearest = records.get(after - 1);
        } else if (after == 0) {
            nearest = records.get(0);
        } else {
            WeatherRecord before = records.get(after - 1);
            WeatherRecord next = records.get(after);
            nearest = distance(next, time).compareTo(distance(before, time)) < 0 ? next : before;
        }
        return distance(nearest, time).compareTo(tolerance) <= 0 ? Optional.of(nearest) : Optional.empty();
    }

    /** The records whose time lies in [from, to). */
    List<WeatherRecord> between(Instant from, Instant to) {
        int start = firstAtOrAfter(from);
        return records.subList(start, Math.max(start, firstAtOrAfter(to)));
    }

    /** The index of the first record at or after {@code time}; the size when there is none. */
    private int firstAtOrAfter(Instant time) {
        int low = 0;
        int high = records.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (records.get(middle).time().isBefore(time)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static Duration distance(WeatherRecord record, Instant time) {
        return Duration.between(record.time(), time).abs();
    }
}
