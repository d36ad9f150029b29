package dk.munin.weather;

import dk.munin.stage.weatherenrichment.WeatherEnrichment;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/weather.md names the reasons the code gives and the providers' attributions. */
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

    @Test
    void theDocQuotesWhyTheForecastIsNotAskedAndItsAttribution() throws IOException {
        String doc = Files.readString(Path.of("docs", "weather.md"));
        OpenMeteoForecast forecast = new OpenMeteoForecast(null, Clock.fixed(Instant.parse("2026-07-18T06:00:00Z"), ZoneOffset.UTC));
        // the reasons as the code words them, after the time they name
        String tooOld = forecast.cannotCover(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z")).orElseThrow();
        String tooLate = forecast.cannotCover(Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-02T00:00:00Z")).orElseThrow();
        assertThat(doc).contains("not asked: <time> " + tooOld.substring(tooOld.indexOf(" is ") + 1))
                .contains("not asked: <time> " + tooLate.substring(tooLate.indexOf(" is ") + 1, tooLate.indexOf(", to ")))
                .contains(OpenMeteoForecast.ATTRIBUTION.substring(0, OpenMeteoForecast.ATTRIBUTION.indexOf(',')));
    }
}
