package dk.munin.output.report;

import dk.munin.cluster.Event;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which events get a thumbnail when there are more than munin.report.thumbnails: the stations
 * take turns, each giving its most confident event not yet shown, so a station with thousands of
 * events does not crowd out one with a few. Shown by station, then by time.
 */
final class ShownEvents {

    private static final Comparator<Event> MOST_CONFIDENT_FIRST = Comparator
            .comparing((Event event) -> event.maxConf() == null ? -1 : event.maxConf()).reversed()
            .thenComparing(Event::eventId);
    private static final Comparator<Event> BY_STATION_THEN_TIME = Comparator
            .comparing((Event event) -> event.station() == null ? PhotoSurvey.NO_STATION : event.station())
            .thenComparing(event -> event.startLocal() == null ? "" : event.startLocal().toString())
            .thenComparing(Event::eventId);

    /** @param shown the events with a thumbnail; @param others the rest, by station and time */
    record Split(List<Event> shown, List<Event> others) {
    }

    private ShownEvents() {
    }

    static Split choose(List<Event> events, int cap) {
        Map<String, Deque<Event>> byStation = new TreeMap<>();
        events.stream().sorted(MOST_CONFIDENT_FIRST).forEach(event -> byStation
                .computeIfAbsent(event.station() == null ? PhotoSurvey.NO_STATION : event.station(), station -> new ArrayDeque<>())
                .add(event));
        Set<Event> chosen = new LinkedHashSet<>();
        while (chosen.size() < cap && byStation.values().stream().anyMatch(queue -> !queue.isEmpty())) {
            for (Deque<Event> queue : byStation.values()) {
                if (!queue.isEmpty() && chosen.size() < cap) {
                    chosen.add(queue.poll());
                }
            }
        }
        List<Event> shown = new ArrayList<>(chosen);
        shown.sort(BY_STATION_THEN_TIME);
        List<Event> others = new ArrayList<>(events.stream().filter(event -> !chosen.contains(event)).toList());
        others.sort(BY_STATION_THEN_TIME);
        return new Split(shown, others);
    }
}
