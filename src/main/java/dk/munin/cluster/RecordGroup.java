package dk.munin.cluster;

import java.util.List;

/**
 * An independent record and the photos that follow it before the next one (the dependent ones,
 * and duplicates of the same second): one independent event.
 *
 * @param record the record, as record_table.csv lists it
 * @param photos the record's photo first, then the others in time order
 */
public record RecordGroup(IndependentRecord record, List<Photograph> photos) {

    public RecordGroup {
        photos = List.copyOf(photos);
    }
}
