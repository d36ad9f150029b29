package dk.munin.weather;

import dk.munin.contract.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Frost's observations answers read into records: times from referenceTime plus timeOffset, in UTC. */
class FrostObservationSeriesTest {

    private static final FrostStation FLORIDA = new FrostStation("SN50540", "BERGEN - FLORIDA", 60.383, 5.3327, 1.18);
    /** Written from Frost's documentation, not recorded: see src/test/resources/weather/frost/README.md. */
    private static final String WRITTEN_DST_OFFSETS = "frost/observations_dst_2022-03-27_offsets.json";

    private static Instant at(String utc) {
        return Instant.parse(utc);
    }

    @Test
    void theRecordedDayGivesOneRecordAnHourWithItsValues() throws IOException {
        String body = Files.readString(SharedData.require(
                "weather/frost/observations_SN50540_bergen-florida_2022-04-01_t-rh-wind.json"));

        WeatherSeries series = FrostObservationSeries.parse(body, FLORIDA);

        assertThat(series.records()).hasSize(24);
        assertThat(series.first()).isEqualTo(at("2022-04-01T00:00:00Z"));
        assertThat(series.last()).isEqualTo(at("2022-04-01T23:00:00Z"));
        assertThat(series.source().id()).isEqualTo("SN50540");
        // data[5] of the file: 05:00 UTC, air_temperature -2.4, relative_humidity 71, wind_speed 1.2
        WeatherValues five = series.records().get(5).values();
        assertThat(five.airTemperatureC()).isEqualTo(-2.4);
        assertThat(five.relativeHumidityPercent()).isEqualTo(71.0);
        assertThat(five.windSpeedMs()).isEqualTo(1.2);
        assertThat(five.cloudAreaFractionPercent()).isNull();
    }

    @Test
    void aNonZeroTimeOffsetIsAddedToTheReferenceTimeExactly() {
        WeatherSeries series = FrostObservationSeries.parse(MetNoFixture.resource(WRITTEN_DST_OFFSETS), FLORIDA);

        // the item of referenceTime 00:00Z holds an air_temperature of timeOffset PT6H: it is 06:00Z's
        WeatherRecord six = series.nearest(at("2022-03-27T06:00:00Z"), Duration.ZERO).orElseThrow();
        assertThat(six.values().airTemperatureC()).isEqualTo(4.5);
        assertThat(series.nearest(at("2022-03-27T00:00:00Z"), Duration.ZERO).orElseThrow().values().airTemperatureC())
                .as("the PT0H observation of the same item stays at 00:00Z").isEqualTo(2.1);
    }

    @Test
    void hoursAcrossTheChangeToSummerTimeStayAnHourApartInUtc() {
        WeatherSeries series = FrostObservationSeries.parse(MetNoFixture.resource(WRITTEN_DST_OFFSETS), FLORIDA);

        // Norway went from +01:00 to +02:00 at 01:00Z on 2022-03-27: local 02:00 never happened
        assertThat(series.records()).extracting(WeatherRecord::time).containsExactly(at("2022-03-27T00:00:00Z"),
                at("2022-03-27T01:00:00Z"), at("2022-03-27T02:00:00Z"), at("2022-03-27T03:00:00Z"), at("2022-03-27T06:00:00Z"));
        WeatherRecord twoUtc = series.nearest(at("2022-03-27T02:10:00Z"), Duration.ofMinutes(30)).orElseThrow();
        assertThat(twoUtc.time().atZone(ZoneId.of("Europe/Oslo")).toLocalTime()).as("04:00 summer time").hasToString("04:00");
        assertThat(twoUtc.values().precipitationAmountMm()).isEqualTo(1.2);
        assertThat(twoUtc.values().windSpeedOfGustMs()).isEqualTo(7.3);
        assertThat(twoUtc.values().airPressureAtSeaLevelHpa()).isEqualTo(1003.4);
    }

    @Test
    void precipitationIsTheHourBeforeTheRecord() {
        WeatherSeries series = FrostObservationSeries.parse(MetNoFixture.resource(WRITTEN_DST_OFFSETS), FLORIDA);

        assertThat(series.precipitationBeforeRecord()).isTrue();
        assertThat(series.records().get(0).values().precipitationPeriodHours()).isEqualTo(1);
        assertThat(series.records().get(4).values().precipitationPeriodHours()).as("06:00Z has no precipitation").isNull();
    }

    @Test
    void ofTwoTimeSeriesOfAnElementTheFirstIsKept() {
        WeatherSeries series = FrostObservationSeries.parse(MetNoFixture.resource(WRITTEN_DST_OFFSETS), FLORIDA);

        // 01:00Z: timeSeriesId 0 says 1.8, timeSeriesId 1 (sensor SN50540:1) 9.9
        assertThat(series.records().get(1).values().airTemperatureC()).isEqualTo(1.8);
    }

    @Test
    void cloudCoverInOctasBecomesAPercentageAndSkyObscuredIsNone() {
        List<WeatherRecord> records = FrostObservationSeries.parse(MetNoFixture.resource(WRITTEN_DST_OFFSETS), FLORIDA).records();

        assertThat(records.get(0).values().cloudAreaFractionPercent()).as("6 octas").isEqualTo(75.0);
        assertThat(records.get(1).values().cloudAreaFractionPercent()).as("9: sky obscured").isNull();
    }

    @Test
    void anAnswerWithoutObservationsOrWithAnUnreadableOffsetCannotBeRead() {
        assertThatThrownBy(() -> FrostObservationSeries.parse("{\"data\": []}", FLORIDA))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("it holds no observations at SN50540 (BERGEN - FLORIDA)");
        assertThatThrownBy(() -> FrostObservationSeries.parse("{\"@type\": \"ErrorResponse\"}", FLORIDA))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no data array");
        String monthOffset = "{\"data\": [{\"referenceTime\": \"2022-03-01T00:00:00.000Z\", \"observations\": ["
                + "{\"elementId\": \"air_temperature\", \"value\": 1, \"timeOffset\": \"P1M\"}]}]}";
        assertThatThrownBy(() -> FrostObservationSeries.parse(monthOffset, FLORIDA))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'P1M'");
    }
}
