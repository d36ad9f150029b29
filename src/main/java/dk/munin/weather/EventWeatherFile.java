package dk.munin.weather;

import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectNotFound;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.state.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code <output_uri>/weather/event_weather.jsonl}: one EventWeather per line, one line per event. */
public final class EventWeatherFile {

    /** The weather folder below output_uri; its URI is the state's weather_uri. */
    public static final String FOLDER = "weather/";
    public static final String NAME = "event_weather.jsonl";

    private EventWeatherFile() {
    }

    public static void write(ObjectStore store, Location weatherFolder, List<EventWeather> weather) {
        StringBuilder lines = new StringBuilder();
        weather.forEach(entry -> lines.append(Json.write(entry)).append('\n'));
        store.write(weatherFolder.resolve(NAME), lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The file's entries; empty when WeatherEnrichment did not write one there. */
    public static Optional<List<EventWeather>> read(ObjectStore store, Location weatherFolder) {
        byte[] content;
        try {
            content = store.read(weatherFolder.resolve(NAME));
        } catch (ObjectNotFound e) {
            return Optional.empty();
        }
        List<EventWeather> entries = new ArrayList<>();
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                entries.add(Json.MAPPER.readValue(line, EventWeather.class));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + weatherFolder.resolve(NAME), e);
            }
        }
        return Optional.of(entries);
    }
}
