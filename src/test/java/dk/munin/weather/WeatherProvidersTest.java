package dk.munin.weather;

import dk.munin.contract.settings.Settings;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.contract.storage.Location;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** munin.weather.providers names the chain: the forecast provider is one of its names, with its own URL. */
class WeatherProvidersTest {

    private static MetNoFixture servers;

    @TempDir
    Path folder;

    @BeforeAll
    static void start() {
        servers = new MetNoFixture();
    }

    @AfterAll
    static void stop() {
        servers.close();
    }

    private static WeatherSettings applicationProperties() throws IOException {
        Properties file = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("application.properties"))) {
            file.load(in);
        }
        return WeatherSettings.from(Settings.layered(List.of(file), new Properties(), Map.of()));
    }

    private static WeatherProviders.Clients clients() {
        return new WeatherProviders.Clients(servers.client(), servers.client(), servers.client());
    }

    @Test
    void theForecastsUrlIsOpenMeteosForecastApi() throws IOException {
        assertThat(applicationProperties().openMeteoForecastUrl()).isEqualTo("https://api.open-meteo.com/v1/forecast");
    }

    @Test
    void openMeteoForecastIsAProviderName() throws IOException {
        WeatherProviders.Chain chain = WeatherProviders.named(List.of("open-meteo-archive", "open-meteo-forecast", "metno"), clients(),
                applicationProperties(), Clock.systemUTC());

        WeatherLookup lookup = chain.forRun(new WeatherRun(new LocalFileStore(), Location.of(folder)), 0);

        assertThat(lookup.name()).isEqualTo("open-meteo-archive,open-meteo-forecast,metno");
        assertThat(lookup.attribution()).contains(OpenMeteoForecast.ATTRIBUTION);
    }

    @Test
    void anUnknownNameIsRefusedWithEveryKnownOne() {
        assertThatThrownBy(() -> WeatherProviders.named(List.of("open-meteo"), clients(), applicationProperties(), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'open-meteo'")
                .hasMessageContaining("open-meteo-archive, open-meteo-forecast, metno, frost, none");
    }
}
