package dk.munin.weather;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** One event's weather from one provider, through the lookup every run uses. */
public final class OneEvent {

    public static final Duration TOLERANCE = Duration.ofMinutes(30);
    public static final WeatherLookup.Spans SPANS = new WeatherLookup.Spans(Duration.ofDays(7), Duration.ofDays(366));
    /** "Now" for the MET tests: the recorded minimal forecast starts at this hour. */
    public static final Clock FORECAST_NOW = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);

    private OneEvent() {
    }

    /** The event's weather, without days before it. */
    public static EventWeather weather(WeatherProvider provider, String eventId, double latitude, double longitude, Instant utc) {
        return new WeatherLookup(List.of(provider), TOLERANCE, 0, SPANS)
                .weatherAt(RoundedPosition.of(latitude, longitude), List.of(new EventTime(eventId, utc, ZoneOffset.UTC))).get(0);
    }
}
