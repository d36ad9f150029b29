package dk.munin.weather;

import dk.munin.contract.settings.Settings;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.contract.storage.Location;
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

/** Frost's settings in application.properties and its place in the registry of providers. */
class FrostSettingsTest {

    private static WeatherSettings settings(Map<String, String> environment) throws IOException {
        Properties file = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("application.properties"))) {
            file.load(in);
        }
        return WeatherSettings.from(Settings.layered(List.of(file), new Properties(), environment));
    }

    @Test
    void theDefaultsAskFrostFirstAtFrostMetNoWithin20KmAndWithoutAClientId() throws IOException {
        WeatherSettings weather = settings(Map.of());

        assertThat(weather.frost()).isEqualTo(new WeatherSettings.Frost("https://frost.met.no", "", 20.0));
        assertThat(weather.providers()).containsExactly(FrostObservations.NAME, OpenMeteoArchive.NAME, OpenMeteoForecast.NAME,
                MetNoLocationforecast.NAME);
    }

    @Test
    void frostIsANamedProviderSkippedWithoutAClientId(@TempDir Path temp) throws IOException {
        WeatherSettings weather = settings(Map.of());
        WeatherHttp unused = new WeatherHttp(null, FrostObservations.SERVICE, "http://127.0.0.1:9", "test", 1, 1);

        WeatherLookup lookup = WeatherProviders.named(List.of("open-meteo-archive", "frost"),
                new WeatherProviders.Clients(unused, unused, unused, unused), weather, Clock.systemUTC()).forRun(new WeatherRun(new LocalFileStore(), Location.of(temp)), 0);

        assertThat(lookup.name()).isEqualTo("open-meteo-archive,frost");
        assertThat(lookup.skipped()).containsOnlyKeys("frost");
    }

    @Test
    void theClientIdComesFromTheEnvironmentToo() throws IOException {
        WeatherSettings weather = settings(Map.of("MUNIN_WEATHER_FROST_CLIENT_ID", "abc-123"));

        assertThat(weather.frost().clientId()).isEqualTo("abc-123");
    }

    @Test
    void theDocNamesTheSettingsWhereToGetAClientIdAndTheCredit() throws IOException {
        String doc = Files.readString(Path.of("docs", "weather.md"));

        assertThat(doc).contains("munin.weather.frost.url").contains(FrostObservations.CLIENT_ID_SETTING)
                .contains(FrostObservations.MAX_DISTANCE_SETTING).contains(FrostObservations.REQUEST_CREDENTIALS)
                .contains(FrostObservations.ATTRIBUTION);
        FrostObservations.ELEMENTS.forEach(element -> assertThat(doc).contains("`" + element + "`"));
    }

    @Test
    void aChainNamingFrostWithoutItsClientStopsAtStartUp() throws IOException {
        WeatherSettings weather = settings(Map.of());
        WeatherHttp unused = new WeatherHttp(null, MetNoLocationforecast.SERVICE, "http://127.0.0.1:9", "test", 1, 1);

        assertThatThrownBy(() -> WeatherProviders.named(List.of("frost"), new WeatherProviders.Clients(unused, unused, unused), weather,
                Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frost");
    }
}
