package dk.munin.weather;

import dk.munin.stage.weatherenrichment.WeatherEnrichment;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/weather.md names the reasons the code gives and MET Norway's attribution. */
class WeatherDocTest {

    @Test
    void theDocQuotesTheReasonsAndTheAttribution() throws IOException {
        String doc = Files.readString(Path.of("docs", "weather.md"));

        assertThat(doc).contains(NoWeather.REASON)
                .contains(WeatherEnrichment.NO_UTC_TIME)
                .contains(WeatherEnrichment.NO_LOCATION)
                .contains("Data from The Norwegian Meteorological Institute")
                .contains("CC BY 4.0");
        assertThat(MetNoLocationforecast.ATTRIBUTION).contains("The Norwegian Meteorological Institute").contains("CC BY 4.0");
    }
}
