package dk.munin.output.report;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The geometry the page's drawings rest on: EXIF orientation and the sun's times. */
class PhotoGeometryTest {

    @Test
    void orientationSixTurnsThePhotoAQuarterClockwise() {
        BufferedImage stored = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        stored.setRGB(0, 1, 0xff0000); // bottom-left of the stored pixels: top-left once turned

        BufferedImage shown = Orientation.upright(stored, 6);

        assertThat(shown.getWidth()).isEqualTo(2);
        assertThat(shown.getHeight()).isEqualTo(4);
        assertThat(shown.getRGB(0, 0) & 0xffffff).isEqualTo(0xff0000);
    }

    @Test
    void anUprightOrUnknownOrientationLeavesThePhotoAsItIs() {
        BufferedImage stored = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);

        assertThat(Orientation.upright(stored, null)).isSameAs(stored);
        assertThat(Orientation.upright(stored, 1)).isSameAs(stored);
        assertThat(Orientation.upright(stored, 9)).isSameAs(stored);
    }

    @Test
    void copenhagensMidsummerSunTimesAreTheAlmanacs() {
        // almanac: sunrise 04:25 and sunset 21:57 CEST (UTC+2) on 21 June 2024 at 55.676 N, 12.568 E
        SunTimes.Day day = SunTimes.of(55.6761, 12.5683, LocalDate.parse("2024-06-21")).orElseThrow();

        assertThat(day.sunriseUtcHours()).isCloseTo(2 + 25 / 60.0, within(5 / 60.0));
        assertThat(day.sunsetUtcHours()).isCloseTo(19 + 57 / 60.0, within(5 / 60.0));
    }

    @Test
    void thePolarDayHasNoSunrise() {
        assertThat(SunTimes.of(78.22, 15.65, LocalDate.parse("2024-06-21"))).isEmpty();
    }
}
