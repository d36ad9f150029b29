package dk.munin.cluster;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Independent records as camtrapR's {@code recordTable} counts them: per station (or per camera,
 * when cameras are independent) and species, sorted by time; a second photo of the same species
 * at the same place and second is a duplicate and dropped; a record is independent when at least
 * min_delta_time minutes separate it from the record it is compared with (the previous record, or
 * the previous independent one). Its time since that record is kept, as camtrapR's delta.time.
 *
 * <p>A photo without a usable time cannot be compared with anything: it becomes a record of its
 * own, flagged, rather than being merged into a neighbour or dropped.
 */
public final class RecordTable {

    /** A flat folder has no station, a photo outside a camera folder no camera: those come first. */
    private static final Comparator<String> MAYBE_NONE = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<IndependentRecord> TABLE_ORDER = Comparator
            .comparing((IndependentRecord r) -> r.photo().station(), MAYBE_NONE)
            .thenComparing(r -> r.photo().species(), MAYBE_NONE)
            .thenComparing(IndependentRecord::timeUnusable)
            .thenComparing(r -> r.photo().localTime(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(r -> r.photo().camera(), MAYBE_NONE)
            .thenComparing(r -> r.photo().file());

    private final IndependenceRules rules;

    public RecordTable(IndependenceRules rules) {
        this.rules = rules;
    }

    /** The table's rows, ordered by station, species and time, as camtrapR orders them. */
    public List<IndependentRecord> records(List<Photograph> photos) {
        return groups(photos).stream().map(RecordGroup::record).toList();
    }

    /** The records with the photos each stands for, in the table's order: the independent events. */
    public List<RecordGroup> groups(List<Photograph> photos) {
        Map<String, List<Photograph>> byPlaceAndSpecies = new LinkedHashMap<>();
        List<RecordGroup> table = new ArrayList<>();
        for (Photograph photo : photos) {
            if (rules.exclude().contains(photo.species())) {
                continue;
            }
            if (photo.localTime() == null) {
                table.add(new RecordGroup(new IndependentRecord(photo, 0, true), List.of(photo)));
                continue;
            }
            String place = rules.camerasIndependent() ? photo.station() + "\u0000" + photo.camera() : photo.station();
            byPlaceAndSpecies.computeIfAbsent(place + "\u0000" + photo.species(), key -> new ArrayList<>()).add(photo);
        }
        byPlaceAndSpecies.values().forEach(group -> table.addAll(independent(group)));
        table.sort(Comparator.comparing(RecordGroup::record, TABLE_ORDER));
        return table;
    }

    private List<RecordGroup> independent(List<Photograph> group) {
        List<Photograph> inTime = new ArrayList<>(group);
        inTime.sort(Comparator.comparing(Photograph::localTime)
                .thenComparing(Photograph::frame, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Photograph::file));
        Duration minimum = Duration.ofMinutes(rules.minDeltaTimeMinutes());
        List<RecordGroup> records = new ArrayList<>();
        IndependentRecord current = null;
        List<Photograph> members = new ArrayList<>();
        LocalDateTime previous = null;
        LocalDateTime previousIndependent = null;
        for (Photograph photo : inTime) {
            LocalDateTime time = photo.localTime();
            LocalDateTime comparedWith = rules.comparedTo() == DeltaTimeComparedTo.LAST_RECORD ? previous : previousIndependent;
            Duration since = comparedWith == null ? Duration.ZERO : Duration.between(comparedWith, time);
            // a duplicate (the same species, place and second) is never a record of its own
            if (!Objects.equals(time, previous) && (comparedWith == null || since.compareTo(minimum) >= 0)) {
                if (current != null) {
                    records.add(new RecordGroup(current, members));
                }
                current = new IndependentRecord(photo, since.toSeconds(), false);
                members = new ArrayList<>();
                previousIndependent = time;
            }
            members.add(photo);
            previous = time;
        }
        if (current != null) {
            records.add(new RecordGroup(current, members));
        }
        return records;
    }
}
