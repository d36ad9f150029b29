package dk.munin.weather;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What one request to a weather service gave: the parsed answer, or why there is none, in words
 * that name the service and the place. A provider remembers it for the rest of the run, so a
 * refused request (403, 429) is not repeated for every event at the same place.
 *
 * @param <T> the parsed answer (a forecast, an hourly series)
 */
public record Fetched<T>(T answer, String failure) {

    /**
     * @param who    the service as it answers, e.g. "MET Norway", "Open-Meteo's archive"
     * @param whose  the service as it owns the answer, e.g. "MET Norway's", "Open-Meteo's"
     * @param detail what an error body adds to the HTTP status (e.g. Open-Meteo's reason), or ""
     * @param parse  the body's parser; its IllegalArgumentException says why a body cannot be read
     */
    static <T> Fetched<T> from(WeatherCalls client, String query, RoundedPosition position, String who, String whose,
                               Function<String, String> detail, Function<String, T> parse) {
        return from(client, "", query, position, whose,
                (status, body) -> who + " answered HTTP " + status + " for " + position + detail.apply(body), parse);
    }

    /**
     * As above, for one resource below the service's base URL, with the words for an HTTP error
     * made from its status and body: for Frost a 404 is no error but "no observations there".
     *
     * @param path    the resource's path below the base URL, e.g. "sources/v0.jsonld"
     * @param refusal why there is no answer, from the status and body of an answer that is not 2xx
     */
    static <T> Fetched<T> from(WeatherCalls client, String path, String query, RoundedPosition position, String whose,
                               BiFunction<Integer, String, String> refusal, Function<String, T> parse) {
        WeatherHttp.Answer answer;
        try {
            answer = client.get(path, query);
        } catch (ProviderUnreachable e) {
            return new Fetched<>(null, e.getMessage());
        }
        if (!answer.ok()) {
            return new Fetched<>(null, refusal.apply(answer.status(), answer.body()));
        }
        try {
            return new Fetched<>(parse.apply(answer.body()), null);
        } catch (IllegalArgumentException e) {
            client.unreadable(path, query);
            return new Fetched<>(null, whose + " answer for " + position + " could not be read: " + e.getMessage());
        }
    }
}
