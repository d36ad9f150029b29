package dk.munin.weather;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the parser refuses; what it reads is covered through HTTP in MetNoLocationforecastTest. */
class LocationforecastParserTest {

    @Test
    void readsTheStepsInTimeOrder() {
        Forecast forecast = LocationforecastParser.parse(MetNoFixture.resource("locationforecast-minimal.json"));

        assertThat(forecast.steps()).hasSize(4);
        assertThat(forecast.firstStep()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
        assertThat(forecast.lastStep()).isEqualTo(Instant.parse("2024-05-02T00:00:00Z"));
    }

    @Test
    void refusesJsonThatIsNotALocationforecast() {
        assertThatThrownBy(() -> LocationforecastParser.parse("{\"type\": \"Feature\", \"properties\": {}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("properties.timeseries");
    }

    @Test
    void refusesAnEmptySeries() {
        assertThatThrownBy(() -> LocationforecastParser.parse("{\"properties\": {\"timeseries\": []}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no time steps");
    }

    @Test
    void refusesAStepWithoutATime() {
        String body = "{\"properties\": {\"timeseries\": [{\"time\": \"soon\", \"data\": {\"instant\": {\"details\": {}}}}]}}";

        assertThatThrownBy(() -> LocationforecastParser.parse(body))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("soon");
    }

    @Test
    void refusesAStepWithoutInstantValues() {
        String body = "{\"properties\": {\"timeseries\": [{\"time\": \"2024-05-01T12:00:00Z\", \"data\": {}}]}}";

        assertThatThrownBy(() -> LocationforecastParser.parse(body))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data.instant.details");
    }
}
