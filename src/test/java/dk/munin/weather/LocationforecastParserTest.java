package dk.munin.weather;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the parser refuses; what it reads is covered through HTTP in MetNoLocationforecastTest. */
class LocationforecastParserTest {

    private static final RoundedPosition PLACE = RoundedPosition.of(55.5, 9.1);

    @Test
    void readsTheStepsInTimeOrder() {
        WeatherSeries forecast = LocationforecastParser.parse(MetNoFixture.resource("locationforecast-minimal.json"), PLACE);

        assertThat(forecast.records()).hasSize(4);
        assertThat(forecast.first()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
        assertThat(forecast.last()).isEqualTo(Instant.parse("2024-05-02T00:00:00Z"));
        assertThat(forecast.precipitationBeforeRecord()).as("next_1_hours lies after the step").isFalse();
    }

    @Test
    void refusesJsonThatIsNotALocationforecast() {
        assertThatThrownBy(() -> LocationforecastParser.parse("{\"type\": \"Feature\", \"properties\": {}}", PLACE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("properties.timeseries");
    }

    @Test
    void refusesAnEmptySeries() {
        assertThatThrownBy(() -> LocationforecastParser.parse("{\"properties\": {\"timeseries\": []}}", PLACE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no times");
    }

    @Test
    void refusesAStepWithoutATime() {
        String body = "{\"properties\": {\"timeseries\": [{\"time\": \"soon\", \"data\": {\"instant\": {\"details\": {}}}}]}}";

        assertThatThrownBy(() -> LocationforecastParser.parse(body, PLACE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("soon");
    }

    @Test
    void refusesAStepWithoutInstantValues() {
        String body = "{\"properties\": {\"timeseries\": [{\"time\": \"2024-05-01T12:00:00Z\", \"data\": {}}]}}";

        assertThatThrownBy(() -> LocationforecastParser.parse(body, PLACE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data.instant.details");
    }
}
