package dk.munin.cluster;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** camtrapR's recordTable semantics on tables small enough to compute by hand. */
class RecordTableTest {

    /** A photo at minute m (after 2009-04-28 17:00) of a species, at station A, camera c. */
    private static Photograph at(int minute, String species, String camera) {
        return new Photograph("A/" + camera + "/" + species + "/" + minute + ".JPG", "A", "A/" + camera, species,
                LocalDateTime.of(2009, 4, 28, 17, 0).plusMinutes(minute));
    }

    private static List<Integer> minutes(List<IndependentRecord> records) {
        return records.stream().map(r -> r.time().getMinute() + 60 * (r.time().getHour() - 17)).toList();
    }

    private static List<Long> deltas(List<IndependentRecord> records) {
        return records.stream().map(IndependentRecord::secondsSincePrevious).toList();
    }

    private static RecordTable table(int minDeltaTime, DeltaTimeComparedTo comparedTo, boolean camerasIndependent) {
        return new RecordTable(new IndependenceRules(minDeltaTime, comparedTo, camerasIndependent, Set.of("UNID")));
    }

    // photos every 20 minutes for an hour and a half: 0, 20, 40, 60, 80
    private final List<Photograph> everyTwentyMinutes = List.of(at(0, "MNE", "c1"), at(20, "MNE", "c1"), at(40, "MNE", "c1"),
            at(60, "MNE", "c1"), at(80, "MNE", "c1"));

    @Test
    void comparedWithTheLastRecordAChainOfCloseRecordsIsOneRecord() {
        List<IndependentRecord> records = table(30, DeltaTimeComparedTo.LAST_RECORD, false).records(everyTwentyMinutes);

        // each photo is 20 min after the one before: none is 30 min after its predecessor
        assertThat(minutes(records)).containsExactly(0);
        assertThat(deltas(records)).containsExactly(0L);
    }

    @Test
    void comparedWithTheLastIndependentRecordTheChainIsCutEveryMinDeltaTime() {
        List<IndependentRecord> records = table(30, DeltaTimeComparedTo.LAST_INDEPENDENT_RECORD, false).records(everyTwentyMinutes);

        // 0 is independent; 20 (20 min after 0) is not; 40 (40 after 0) is; 60 (20 after 40) is not; 80 (40 after 40) is
        assertThat(minutes(records)).containsExactly(0, 40, 80);
        assertThat(deltas(records)).containsExactly(0L, 2400L, 2400L);
    }

    @Test
    void theDeltaTimeOfARecordIsTheTimeSinceThePreviousPhotoWhenComparedWithTheLastRecord() {
        List<IndependentRecord> records = table(30, DeltaTimeComparedTo.LAST_RECORD, false)
                .records(List.of(at(0, "PBE", "c1"), at(2, "PBE", "c1"), at(100, "PBE", "c1")));

        // 100 is compared with 2, the last record, not with 0, the last independent one
        assertThat(minutes(records)).containsExactly(0, 100);
        assertThat(deltas(records)).containsExactly(0L, 98 * 60L);
    }

    @Test
    void atMinDeltaTimeZeroEveryDistinctTimeIsARecordAndDuplicatesAreDropped() {
        List<Photograph> burst = List.of(at(47, "MNE", "c1"), at(47, "MNE", "c1").withFile("A/c1/MNE/47(2).JPG"),
                at(48, "MNE", "c1"), at(49, "MNE", "c1"));

        assertThat(minutes(table(0, DeltaTimeComparedTo.LAST_RECORD, false).records(burst))).containsExactly(47, 48, 49);
        assertThat(minutes(table(30, DeltaTimeComparedTo.LAST_RECORD, false).records(burst))).containsExactly(47);
    }

    @Test
    void camerasOfOneStationAreOnePlaceUnlessCamerasAreIndependent() {
        List<Photograph> twoCameras = List.of(at(0, "VTA", "c1"), at(10, "VTA", "c2"));

        assertThat(table(30, DeltaTimeComparedTo.LAST_RECORD, false).records(twoCameras)).hasSize(1);
        assertThat(table(30, DeltaTimeComparedTo.LAST_RECORD, true).records(twoCameras))
                .extracting(r -> r.photo().camera()).containsExactly("A/c1", "A/c2");
    }

    @Test
    void speciesAreCountedApartExcludedOnesLeftOutAndUntimedPhotosStandAlone() {
        Photograph untimed = new Photograph("A/c1/PBE/x.JPG", "A", "A/c1", "PBE", null);
        List<IndependentRecord> records = table(60, DeltaTimeComparedTo.LAST_RECORD, false)
                .records(List.of(at(0, "PBE", "c1"), at(5, "VTA", "c1"), at(6, "UNID", "c1"), untimed, at(10, "PBE", "c1")));

        assertThat(records).extracting(r -> r.photo().species()).containsExactly("PBE", "PBE", "VTA");
        assertThat(records).extracting(IndependentRecord::timeUnusable).containsExactly(false, true, false);
    }

    @Test
    void eachRecordIsAnEventOfThePhotosThatFollowItBeforeTheNextRecord() {
        // every 20 minutes: last_record at 30 chains them all into one event; last_independent_record
        // starts a new one at minute 40 (40 since 0) and at 80 (40 since 40)
        List<RecordGroup> chained = table(30, DeltaTimeComparedTo.LAST_RECORD, false).groups(everyTwentyMinutes);
        List<RecordGroup> cut = table(30, DeltaTimeComparedTo.LAST_INDEPENDENT_RECORD, false).groups(everyTwentyMinutes);

        assertThat(chained).singleElement().satisfies(event -> assertThat(event.photos()).hasSize(5));
        assertThat(cut).extracting(event -> event.photos().stream().map(p -> p.localTime().getMinute()
                + 60 * (p.localTime().getHour() - 17)).toList()).containsExactly(List.of(0, 20), List.of(40, 60), List.of(80));
    }

    @Test
    void aDuplicateOfTheSameSecondJoinsTheEventOfItsRecord() {
        Photograph first = at(0, "MNE", "c1");
        Photograph sameSecond = first.withFile("A/c1/MNE/0b.JPG");

        List<RecordGroup> events = table(0, DeltaTimeComparedTo.LAST_RECORD, false).groups(List.of(first, sameSecond, at(1, "MNE", "c1")));

        assertThat(events).hasSize(2);
        assertThat(events.get(0).photos()).containsExactly(first, sameSecond);
    }
}
