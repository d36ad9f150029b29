package dk.munin.cluster;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventGrouperTest {

    private final EventGrouper grouper = new EventGrouper(Duration.ofMinutes(30));

    @Test
    void splitsASeriesWhereTheGapExceedsTheEventGap() {
        List<Event> events = grouper.group("run-1", List.of(
                sighting("c1", "animal", "21:00:00", 0.9),
                sighting("c1", "animal", "21:30:00", 0.5),   // exactly the gap: same event
                sighting("c1", "animal", "22:00:01", 0.7),   // 30 min 1 s later: a new event
                sighting("c1", "animal", "22:10:00", 0.8)));

        assertThat(events).hasSize(2);
        assertThat(events.get(0).photoCount()).isEqualTo(2);
        assertThat(events.get(0).maxConf()).isEqualTo(0.9);
        assertThat(events.get(0).startLocal()).isEqualTo(LocalDateTime.parse("2024-06-01T21:00:00"));
        assertThat(events.get(0).endLocal()).isEqualTo(LocalDateTime.parse("2024-06-01T21:30:00"));
        assertThat(events.get(1).files()).containsExactly("c1/22:00:01.jpg", "c1/22:10:00.jpg");
        assertThat(events).extracting(Event::eventId).containsExactly("run-1-E00001", "run-1-E00002");
    }

    @Test
    void keepsCamerasAndCategoriesApartAndSortsByTimeWithinThem() {
        List<Event> events = grouper.group("s", List.of(
                sighting("c2", "animal", "21:05:00", 0.9),
                sighting("c1", "person", "21:01:00", 0.9),
                sighting("c1", "animal", "21:02:00", 0.9),
                sighting("c1", "animal", "21:00:00", 0.9)));

        assertThat(events).extracting(e -> e.camera() + "/" + e.category() + "/" + e.photoCount())
                .containsExactly("c1/animal/2", "c1/person/1", "c2/animal/1");
        assertThat(events.get(0).files()).containsExactly("c1/21:00:00.jpg", "c1/21:02:00.jpg");
    }

    @Test
    void aSightingWithoutTimeIsAnEventOfItsOwn() {
        List<Event> events = grouper.group("s", List.of(
                sighting("c1", "animal", "21:00:00", 0.9),
                new Sighting("c1/nodate.jpg", "S", "c1", "animal", null, null, 1, 0.6, null, null)));

        assertThat(events).hasSize(2);
        assertThat(events.get(1).startLocal()).isNull();
        assertThat(events.get(1).files()).containsExactly("c1/nodate.jpg");
    }

    @Test
    void takesThePositionFromTheFirstPhotoThatHasOne() {
        List<Event> events = grouper.group("s", List.of(
                sighting("c1", "animal", "21:00:00", 0.9),
                new Sighting("c1/b.jpg", "S", "c1", "animal", LocalDateTime.parse("2024-06-01T21:01:00"), null, 2, 0.4, 56.1, 10.2)));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.latitude()).isEqualTo(56.1);
            assertThat(e.longitude()).isEqualTo(10.2);
            assertThat(e.detectionCount()).isEqualTo(3);
        });
    }

    @Test
    void framesOfABurstSharingASecondFollowTheirSequenceNumberThenTheirFileName() {
        // the MICA heron burst: frames 2 and 3 share 20:43:10, listed here in an order their names do not give
        List<Event> events = grouper.group("s", List.of(
                frame("c1/RCNX0033.JPG", "20:43:10", 3),
                frame("c1/RCNX0031.JPG", "20:43:09", 1),
                frame("c1/RCNX0099.JPG", "20:43:10", 2),
                frame("c1/b.JPG", "20:43:10", null),
                frame("c1/a.JPG", "20:43:10", null)));

        assertThat(events).singleElement().satisfies(e -> assertThat(e.files())
                .containsExactly("c1/RCNX0031.JPG", "c1/RCNX0099.JPG", "c1/RCNX0033.JPG", "c1/a.JPG", "c1/b.JPG"));
    }

    private static Sighting frame(String file, String time, Integer sequenceNumber) {
        return new Sighting(file, "S", "c1", "animal", LocalDateTime.parse("2021-04-11T" + time), null, 1, 0.9, null, null,
                sequenceNumber);
    }

    private static Sighting sighting(String camera, String category, String time, double conf) {
        return new Sighting(camera + "/" + time + ".jpg", "S", camera, category,
                LocalDateTime.parse("2024-06-01T" + time), null, 1, conf, null, null);
    }
}
