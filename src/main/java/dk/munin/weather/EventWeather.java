package dk.munin.weather;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.time.Instant;

/**
 * The weather attached to one event, or why there is none. The values come from one record
 * (an archive hour, a station's observation, a forecast step) no further from the event's time
 * than munin.weather.max-step-distance-minutes, and every value is null unless {@code status}
 * is {@code available}.
 *
 * @param status        available, unavailable (with the reason), no_location, or negative (an
 *                      event whose category munin.weather.categories leaves out)
 * @param provider      the provider that answered; the chain when none did; null when none was asked
 * @param source        the station or grid point the values are for
 * @param recordTime    the UTC time of the record the values are from
 * @param recordOffsetMinutes the record's time minus the event's, in minutes
 * @param attribution   the credit the provider's licence asks for
 * @param priorDays     weather_days_back's summaries; null when it is 0 or there is no weather
 */
public record EventWeather(
        @JsonProperty("event_id") String eventId,
        @JsonProperty("status") String status,
        @JsonProperty("reason") String reason,
        @JsonProperty("provider") String provider,
        @JsonProperty("source") WeatherSource source,
        @JsonProperty("record_time") Instant recordTime,
        @JsonProperty("record_offset_minutes") Long recordOffsetMinutes,
        @JsonProperty("attribution") String attribution,
        @JsonProperty("values") WeatherValues values,
        @JsonProperty("prior_days") PriorDays priorDays) {

    public static final String AVAILABLE = "available";
    public static final String UNAVAILABLE = "unavailable";
    public static final String NO_LOCATION = "no_location";
    public static final String NEGATIVE = "negative";

    public EventWeather {
        values = values == null ? WeatherValues.NONE : values;
    }

    public static EventWeather unavailable(String eventId, String provider, String reason) {
        return without(eventId, UNAVAILABLE, provider, reason);
    }

    /** An event without weather: unavailable, no_location or negative, with the reason. */
    public static EventWeather without(String eventId, String status, String provider, String reason) {
        return new EventWeather(eventId, status, reason, provider, null, null, null, null, WeatherValues.NONE, null);
    }

    /** The values of {@code record} for an event at {@code eventTime}. */
    static EventWeather of(String eventId, String provider, String attribution, WeatherSource source, WeatherRecord record,
                           Instant eventTime, PriorDays priorDays) {
        return new EventWeather(eventId, AVAILABLE, null, provider, source, record.time(),
                Duration.between(eventTime, record.time()).toMinutes(), attribution, record.values(), priorDays);
    }

    @JsonIgnore
    public boolean isAvailable() {
        return AVAILABLE.equals(status);
    }
}
