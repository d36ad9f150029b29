package dk.munin.weather;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Weather from MET Norway's Locationforecast 2.0 ({@code complete}). Its series starts at the
 * current hour and reaches about ten days ahead, so it answers only for events of the last hour
 * or so (a run started right after the photos were taken): it is never asked for older times,
 * and weather from another time is never attached.
 */
public class MetNoLocationforecast implements WeatherProvider {

    public static final String NAME = "metno";
    public static final String SERVICE = "MET Norway";
    public static final String ATTRIBUTION = "Data from The Norwegian Meteorological Institute (MET Norway), CC BY 4.0";
    /** The forecast's first step is the current hour: a time further back than this before now is not in it. */
    private static final Duration SERIES_STARTS_BEFORE_NOW = Duration.ofHours(1);
    /** An e-mail address or a web address: a domain ending in letters (so a version such as 0.1 is not one), maybe a path. */
    private static final Pattern CONTACT = Pattern.compile("(\\S+@\\S+\\.[a-z]{2,})|(\\b[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z]{2,}\\b)",
            Pattern.CASE_INSENSITIVE);

    private final WeatherCalls calls;
    private final String userAgent;
    private final Clock clock;
    /** The forecast is the same whatever span is asked for: one request per place a run, and a refusal (403, 429) is not repeated. */
    private final Map<RoundedPosition, Fetched<WeatherSeries>> fetched = new HashMap<>();

    /** @param userAgent munin.weather.metno.user-agent, which MET Norway's terms require to identify the caller */
    public MetNoLocationforecast(WeatherCalls calls, String userAgent, Clock clock) {
        this.calls = calls;
        this.userAgent = userAgent;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String attribution() {
        return ATTRIBUTION;
    }

    /** MET Norway's terms: "identify yourself" with an application name and a contact; without one MET blocks the caller. */
    @Override
    public Optional<String> unavailableForEveryEvent() {
        return hasContact(userAgent) ? Optional.empty() : Optional.of(noContact(userAgent));
    }

    static boolean hasContact(String userAgent) {
        return userAgent != null && CONTACT.matcher(userAgent).find();
    }

    static String noContact(String userAgent) {
        return "not asked: munin.weather.metno.user-agent ('" + (userAgent == null ? "" : userAgent) + "') has no contact"
                + " (an e-mail address or a web address), which MET Norway's terms of service require";
    }

    @Override
    public Optional<String> cannotCover(Instant from, Instant to) {
        Instant seriesStart = clock.instant().minus(SERIES_STARTS_BEFORE_NOW);
        return to.isBefore(seriesStart)
                ? Optional.of("not asked: its forecast starts at the current hour (" + seriesStart + ") and holds no past times")
                : Optional.empty();
    }

    @Override
    public Fetched<WeatherSeries> series(RoundedPosition place, Instant from, Instant to) {
        return fetched.computeIfAbsent(place, p -> Fetched.from(calls, "lat=" + p.latitude() + "&lon=" + p.longitude(), p,
                SERVICE, SERVICE + "'s", body -> "", body -> LocationforecastParser.parse(body, p)));
    }
}
