package dk.munin.weather;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.state.Json;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Observed weather from MET Norway's Frost (frost.met.no), the archive of its stations'
 * observations: what a thermometer near the camera measured, where an archive gives a model's
 * grid cell. Two requests per place and span: the nearest station (once per place and run,
 * remembered), then its observations of the span. Frost asks every caller for a client id.
 */
public class FrostObservations implements WeatherProvider {

    public static final String NAME = "frost";
    public static final String SERVICE = "MET Norway's Frost";
    public static final String ATTRIBUTION = "Data from The Norwegian Meteorological Institute (MET Norway), CC BY 4.0";
    static final String CLIENT_ID_SETTING = "munin.weather.frost.client-id";
    static final String MAX_DISTANCE_SETTING = "munin.weather.frost.max-distance-km";
    static final String REQUEST_CREDENTIALS = "https://frost.met.no/auth/requestCredentials.html";
    static final String SOURCES = "sources/v0.jsonld";
    static final String OBSERVATIONS = "observations/v0.jsonld";
    /**
     * What the station must measure. Frost's documentation does not say whether a source must have
     * all the elements named or one of them; asking for the three every automatic station has
     * keeps the nearest station from being passed over for lacking, say, cloud cover.
     */
    static final List<String> STATION_ELEMENTS = List.of(FrostObservationSeries.TEMPERATURE, FrostObservationSeries.HUMIDITY,
            FrostObservationSeries.WIND_SPEED);
    /**
     * The seed's variables in Frost's element ids (frost.met.no/elementtable). Visibility is left
     * out: no Frost element for it could be confirmed, and an unknown element id is an error.
     * Precipitation: referenceTime of sum(precipitation_amount PT1H) is taken as the END of its
     * hour, MET Norway's convention for accumulated values (its old code RR_1 is "precipitation the
     * last hour", and MET's own Frost client metno/gibson stamps hourly sums at referenceTime and
     * says an aggregate's time "marks the end of the aggregation period"). Frost's concepts page
     * on referenceTime/timeOffset/timeResolution could not be read in full to confirm it.
     */
    static final List<String> ELEMENTS = List.of(FrostObservationSeries.TEMPERATURE, FrostObservationSeries.HUMIDITY,
            FrostObservationSeries.DEW_POINT, FrostObservationSeries.PRECIPITATION_HOUR, FrostObservationSeries.WIND_SPEED,
            FrostObservationSeries.WIND_DIRECTION, FrostObservationSeries.GUST_HOUR, FrostObservationSeries.PRESSURE,
            FrostObservationSeries.CLOUD_COVER);
    /** Only the nearest station is used: a farther one is more often weather of another valley. */
    static final int NEAREST_STATIONS = 1;
    /** Frost's "no data for this query" (404) and "no time series match it" (412): nothing there, not a fault. */
    private static final int NOT_FOUND = 404;
    private static final int PRECONDITION_FAILED = 412;
    /** What stands in a message where Frost's answer quoted the client id. */
    static final String CLIENT_ID_HIDDEN = "[client id hidden]";

    private final WeatherCalls calls;
    private final String clientId;
    private final double maxDistanceKm;
    private final Map<RoundedPosition, Fetched<FrostStation>> stations = new ConcurrentHashMap<>();

    /**
     * @param calls         requests to munin.weather.frost.url, carrying the client id ({@link #authorised})
     * @param clientId      munin.weather.frost.client-id; blank: Frost is not asked
     * @param maxDistanceKm munin.weather.frost.max-distance-km: a station farther away is not used
     */
    public FrostObservations(WeatherCalls calls, String clientId, double maxDistanceKm) {
        this.calls = calls;
        this.clientId = clientId;
        this.maxDistanceKm = maxDistanceKm;
    }

    /**
     * The client with Frost's credentials: HTTP Basic with the client id as user name and an empty
     * password, as Frost documents. Without a client id it is returned as it is (Frost is skipped).
     */
    public static WeatherHttp authorised(WeatherHttp http, String clientId) {
        if (clientId == null || clientId.isBlank()) {
            return http;
        }
        return http.withHeader("Authorization", "Basic " + base64(clientId.trim() + ":"));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String attribution() {
        return ATTRIBUTION;
    }

    @Override
    public Optional<String> unavailableForEveryEvent() {
        return clientId == null || clientId.isBlank()
                ? Optional.of("not asked: " + CLIENT_ID_SETTING + " is empty; Frost answers only requests with a client id"
                + " (free, from " + REQUEST_CREDENTIALS + ")")
                : Optional.empty();
    }

    @Override
    public Fetched<WeatherSeries> series(RoundedPosition place, Instant from, Instant to) {
        Fetched<FrostStation> station = stations.computeIfAbsent(place, this::nearestStation);
        if (station.failure() != null) {
            return new Fetched<>(null, station.failure());
        }
        FrostStation nearest = station.answer();
        String query = "sources=" + encoded(nearest.id()) + "&referencetime=" + encoded(from + "/" + to)
                + "&elements=" + encoded(String.join(",", ELEMENTS));
        return withoutClientId(Fetched.from(calls, OBSERVATIONS, query, place, SERVICE + "'s",
                (status, body) -> noObservations(status, body, nearest, from, to, place),
                body -> FrostObservationSeries.parse(body, nearest)));
    }

    /**
     * The failure without the client id: Frost's error text goes into the run's outputs (each
     * event's weather_reason), and an answer may quote the credentials it was sent (a 401 naming
     * the id it refused, a proxy's error page echoing the Authorization header).
     */
    private <T> Fetched<T> withoutClientId(Fetched<T> fetched) {
        if (fetched.failure() == null || clientId == null || clientId.isBlank()) {
            return fetched;
        }
        String id = clientId.trim();
        String failure = fetched.failure();
        for (String form : List.of(base64(id + ":"), base64(id), URLEncoder.encode(id, StandardCharsets.UTF_8), id)) {
            failure = failure.replace(form, CLIENT_ID_HIDDEN);
        }
        return new Fetched<>(fetched.answer(), failure);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The station the place's weather comes from, or why there is none; asked once per place and run. */
    private Fetched<FrostStation> nearestStation(RoundedPosition place) {
        String query = "types=SensorSystem&elements=" + encoded(String.join(",", STATION_ELEMENTS))
                + "&geometry=" + encoded("nearest(POINT(" + place.longitude() + " " + place.latitude() + "))")
                + "&nearestmaxcount=" + NEAREST_STATIONS;
        Fetched<Optional<FrostStation>> answer = withoutClientId(Fetched.from(calls, SOURCES, query, place, SERVICE + "'s",
                (status, body) -> status == NOT_FOUND || status == PRECONDITION_FAILED
                        ? noStation(place) + " (HTTP " + status + reason(body) + ")"
                        : SERVICE + " answered HTTP " + status + " for " + place + reason(body),
                body -> FrostStation.nearest(body, place)));
        if (answer.failure() != null) {
            return new Fetched<>(null, answer.failure());
        }
        if (answer.answer().isEmpty()) {
            return new Fetched<>(null, noStation(place));
        }
        FrostStation nearest = answer.answer().get();
        if (nearest.distanceKm() > maxDistanceKm) {
            return new Fetched<>(null, String.format("the nearest Frost station, %s, is %s km from %s: farther than %s (%s km)",
                    nearest, nearest.distanceKm(), place, MAX_DISTANCE_SETTING, maxDistanceKm));
        }
        return new Fetched<>(nearest, null);
    }

    private static String noStation(RoundedPosition place) {
        return "Frost knows no station measuring " + String.join(", ", STATION_ELEMENTS) + " near " + place;
    }

    private static String noObservations(int status, String body, FrostStation station, Instant from, Instant to,
                                         RoundedPosition place) {
        if (status == NOT_FOUND || status == PRECONDITION_FAILED) {
            return "Frost has no observations at " + station + " from " + from + " to " + to + " (HTTP " + status + reason(body) + ")";
        }
        return SERVICE + " answered HTTP " + status + " for " + station + " near " + place + reason(body);
    }

    /** Frost's error bodies say why in error.reason (and error.message): ": <reason>", or "" when a body has none. */
    static String reason(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        JsonNode error;
        try {
            error = Json.parse(body).path("error");
        } catch (IllegalArgumentException e) {
            return "";
        }
        String reason = error.path("reason").asText("").isBlank() ? error.path("message").asText("") : error.path("reason").asText();
        return reason.isBlank() ? "" : ": " + reason;
    }

    /** A query value percent-encoded, spaces as %20: Frost's element ids and geometry hold spaces and parentheses. */
    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
