package dk.munin.exif;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceOrderTest {

    private static ReconyxMakerNote frame(int number, long event) {
        return new ReconyxMakerNote(ReconyxMakerNote.Layout.HYPERFIRE_2, "Motion Detection", number, 5, event,
                null, "New", 2, "H2RX1", "MICA");
    }

    private static LocalDateTime at(String time) {
        return LocalDateTime.parse("2021-04-11T" + time);
    }

    @Test
    void framesSharingASecondAreInOrderAndAnEarlierTimeOnALaterFrameIsNot() {
        SequenceOrder order = new SequenceOrder(10);

        assertThat(order.check("cam", frame(1, 4), at("20:43:09"))).isNull();
        assertThat(order.check("cam", frame(2, 4), at("20:43:10"))).isNull();
        assertThat(order.check("cam", frame(3, 4), at("20:43:10"))).isNull();
        assertThat(order.check("cam", frame(4, 4), at("20:43:08")))
                .isEqualTo("frame 4 of 5 (2021-04-11T20:43:08) is earlier than frame 1 (2021-04-11T20:43:09) of the same sequence");
    }

    @Test
    void framesListedOutOfOrderAreComparedBothWays() {
        SequenceOrder order = new SequenceOrder(10);

        assertThat(order.check("cam", frame(5, 7), at("20:43:15"))).isNull();
        assertThat(order.check("cam", frame(2, 7), at("20:43:10"))).isNull();
        assertThat(order.check("cam", frame(3, 7), at("20:43:16"))).contains("is later than frame 5");
    }

    @Test
    void otherEventsCamerasAndSingleFramesAreNotOneSequence() {
        SequenceOrder order = new SequenceOrder(10);
        ReconyxMakerNote single = new ReconyxMakerNote(ReconyxMakerNote.Layout.HYPERFIRE, "Time Lapse", 0, 0, 8L, null, null, null, null, null);

        assertThat(order.check("cam", frame(2, 4), at("20:43:10"))).isNull();
        assertThat(order.check("cam", frame(3, 5), at("20:00:00"))).isNull();
        assertThat(order.check("other", frame(3, 4), at("20:00:00"))).isNull();
        assertThat(order.check("cam", single, at("19:00:00"))).isNull();
        assertThat(order.check("cam", null, at("19:00:00"))).isNull();
    }

    @Test
    void remembersOnlyTheMostRecentSequences() {
        SequenceOrder order = new SequenceOrder(2);

        order.check("cam", frame(2, 1), at("20:00:10"));
        order.check("cam", frame(1, 2), at("20:10:00"));
        order.check("cam", frame(1, 3), at("20:20:00"));

        assertThat(order.check("cam", frame(3, 1), at("20:00:00"))).as("event 1 was forgotten").isNull();
        assertThat(order.check("cam", frame(2, 3), at("20:19:00"))).isNotNull();
    }
}
