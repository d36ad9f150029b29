package dk.munin.weather;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * An event as the weather lookup sees it: its id, its start in UTC and the camera's UTC offset
 * then, which says where the camera's days begin for weather_days_back.
 */
public record EventTime(String eventId, Instant utc, ZoneOffset localOffset) {
}
