package dk.munin.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes the events of a run from its independent records: one event per record, with the
 * photos that record stands for, numbered {@code <session>-E00001}... in the record table's order.
 */
public final class EventBuilder {

    private EventBuilder() {
    }

    /**
     * @param sightings every photograph's sighting, by the photograph the record table saw
     * @param speciesFrom where the species came from, for each event's species_from
     */
    public static List<Event> events(String sessionId, List<RecordGroup> groups, Map<Photograph, Sighting> sightings,
                                     String speciesFrom) {
        List<Event> events = new ArrayList<>(groups.size());
        for (RecordGroup group : groups) {
            List<Sighting> members = group.photos().stream().map(sightings::get).toList();
            events.add(event(String.format("%s-E%05d", sessionId, events.size() + 1), group, members, speciesFrom));
        }
        return events;
    }

    private static Event event(String eventId, RecordGroup group, List<Sighting> members, String speciesFrom) {
        Photograph first = group.record().photo();
        Sighting last = members.get(members.size() - 1);
        Sighting located = members.stream().filter(s -> s.latitude() != null && s.longitude() != null).findFirst().orElse(null);
        CameraBox best = members.stream().flatMap(s -> s.boxes().stream()).max(Comparator.comparingDouble(CameraBox::conf)).orElse(null);
        Set<String> issues = new LinkedHashSet<>();
        Set<String> sequences = new LinkedHashSet<>();
        members.forEach(member -> {
            issues.addAll(member.issues());
            if (member.sequenceId() != null) {
                sequences.add(member.sequenceId());
            }
        });
        return new Event(eventId, first.station(), first.camera(), first.species(), speciesFrom,
                first.localTime(), last.photograph().localTime(), members.get(0).utc(), last.utc(),
                members.size(),
                members.stream().mapToInt(s -> s.boxes().size()).sum(),
                members.stream().mapToInt(s -> s.boxes().size()).max().orElse(0),
                best == null ? null : best.conf(),
                best == null ? first.file() : best.photoId(),
                best == null ? null : Event.Box.of(best),
                located == null ? null : located.latitude(),
                located == null ? null : located.longitude(),
                group.record().timeUnusable(),
                List.copyOf(issues),
                List.copyOf(sequences),
                members.stream().map(s -> s.photograph().file()).toList());
    }
}
