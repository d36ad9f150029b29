package dk.munin.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Groups sightings into independent events: per camera and category, in time order, a new
 * event starts when the gap to the previous sighting exceeds the event gap. A sighting
 * without a time cannot be placed in a sequence and becomes an event of its own.
 */
public class EventGrouper {

    /**
     * Burst order: by corrected time, then by the camera's frame number (several frames of a
     * burst share one second), then by file name.
     */
    private static final Comparator<Sighting> IN_TIME_ORDER = Comparator
            .comparing(Sighting::localTime, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Sighting::sequenceNumber, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Sighting::file);

    private final Duration eventGap;

    public EventGrouper(Duration eventGap) {
        this.eventGap = eventGap;
    }

    /** Events in a stable order (camera, category, start), numbered {@code <session>-E00001}... */
    public List<Event> group(String sessionId, List<Sighting> sightings) {
        Map<String, List<Sighting>> bySeries = new TreeMap<>();
        for (Sighting sighting : sightings) {
            bySeries.computeIfAbsent(seriesKey(sighting), key -> new ArrayList<>()).add(sighting);
        }
        List<List<Sighting>> groups = new ArrayList<>();
        for (List<Sighting> series : bySeries.values()) {
            series.sort(IN_TIME_ORDER);
            groups.addAll(split(series));
        }
        List<Event> events = new ArrayList<>(groups.size());
        for (List<Sighting> group : groups) {
            events.add(toEvent(String.format("%s-E%05d", sessionId, events.size() + 1), group));
        }
        return events;
    }

    private List<List<Sighting>> split(List<Sighting> series) {
        List<List<Sighting>> groups = new ArrayList<>();
        List<Sighting> current = new ArrayList<>();
        for (Sighting sighting : series) {
            if (!current.isEmpty() && !sameEvent(current.get(current.size() - 1), sighting)) {
                groups.add(current);
                current = new ArrayList<>();
            }
            current.add(sighting);
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }

    private boolean sameEvent(Sighting previous, Sighting next) {
        if (previous.localTime() == null || next.localTime() == null) {
            return false;
        }
        return Duration.between(previous.localTime(), next.localTime()).compareTo(eventGap) <= 0;
    }

    private static Event toEvent(String eventId, List<Sighting> group) {
        Sighting first = group.get(0);
        Sighting last = group.get(group.size() - 1);
        Sighting located = group.stream().filter(s -> s.latitude() != null && s.longitude() != null).findFirst().orElse(null);
        return new Event(eventId, first.station(), first.camera(), first.category(),
                first.localTime(), last.localTime(), first.utc(), last.utc(),
                group.size(),
                group.stream().mapToInt(Sighting::detectionCount).sum(),
                group.stream().mapToDouble(Sighting::maxConf).max().orElse(0),
                located == null ? null : located.latitude(),
                located == null ? null : located.longitude(),
                group.stream().map(Sighting::file).toList());
    }

    private static String seriesKey(Sighting sighting) {
        return Objects.toString(sighting.station(), "") + '\u0000' + Objects.toString(sighting.camera(), "")
                + '\u0000' + sighting.category();
    }
}
