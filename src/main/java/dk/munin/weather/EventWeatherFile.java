package dk.munin.weather;

import com.fasterxml.jackson.core.type.TypeReference;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectNotFound;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.state.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** {@code <output_uri>/weather/event_weather.json}: a JSON array of EventWeather, one per event. */
public final class EventWeatherFile {

    /** The weather folder below output_uri; its URI is the state's weather_uri. */
    public static final String FOLDER = "weather/";
    public static final String NAME = "event_weather.json";

    private static final TypeReference<List<EventWeather>> LIST = new TypeReference<>() {
    };

    private EventWeatherFile() {
    }

    public static void write(ObjectStore store, Location weatherFolder, List<EventWeather> weather) {
        store.write(weatherFolder.resolve(NAME), Json.writePretty(weather));
    }

    /** The file's entries; empty when WeatherEnrichment did not write one there. */
    public static Optional<List<EventWeather>> read(ObjectStore store, Location weatherFolder) {
        byte[] content;
        try {
            content = store.read(weatherFolder.resolve(NAME));
        } catch (ObjectNotFound e) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(content, LIST));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + weatherFolder.resolve(NAME), e);
        }
    }
}
