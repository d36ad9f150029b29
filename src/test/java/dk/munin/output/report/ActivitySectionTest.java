package dk.munin.output.report;

import dk.munin.cluster.Event;
import dk.munin.weather.TestEvents;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The diel plot's night on the cameras' clocks, where the clock's zone fits the place and where it does not. */
class ActivitySectionTest {

    @Test
    void aCameraOnLocalTimeHasItsNightAtBothEndsOfTheDay() {
        Event copenhagen = TestEvents.event("e1", Instant.parse("2024-06-21T12:00:00Z"), 55.6761, 12.5683);

        String html = ActivitySection.html(List.of(copenhagen), 40);

        // the fixture's camera keeps UTC+2: sunset 21:57, sunrise 04:25 on its clock
        assertThat(html.split("<title>night from 21:5", -1)).hasSize(3);
        assertThat(html).contains("sunrise 04:2").contains("sunset 21:5");
    }

    @Test
    void aCameraOnAFarZonesClockHasItsNightWithinTheClocksDay() {
        Event idaho = TestEvents.event("e1", Instant.parse("2015-06-01T18:00:00Z"), 42.94639, -116.52306);
        Event onCopenhagenTime = new Event(idaho.eventId(), idaho.station(), idaho.camera(), idaho.species(), idaho.speciesFrom(),
                idaho.startUtc().atOffset(ZoneOffset.ofHours(1)).toLocalDateTime(), idaho.endLocal(), idaho.startUtc(), idaho.endUtc(),
                idaho.photoCount(), idaho.detectionCount(), idaho.maxBoxesInPhoto(), idaho.maxConf(), idaho.bestFile(), idaho.bestBox(),
                idaho.latitude(), idaho.longitude(), false, List.of(), List.of(), idaho.files());

        String html = ActivitySection.html(List.of(onCopenhagenTime), 40);

        // sunrise about 12:10 UTC and sunset about 03:30 UTC there: 13:xx and 04:xx on a UTC+1 clock, one band between them
        assertThat(html.split("<title>night from 04:", -1)).hasSize(2);
        assertThat(html).contains("to 13:");
    }
}
