package dk.munin.output;

import dk.munin.cluster.Event;
import dk.munin.weather.EventWeather;

/** One row of clusters.parquet: an event of the session and the weather joined to it. */
public record ClusterRow(String sessionId, Event event, EventWeather weather) {
}
