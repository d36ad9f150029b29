package dk.munin.weather;

import java.time.Instant;
import java.util.Optional;

/**
 * One source of past (or present) weather: a small class that turns a place and a span of time
 * into one request and its answer into records. Which record an event gets, and its summaries
 * of the days before, are decided in one place for all of them ({@link WeatherLookup}). One
 * instance serves one run.
 */
public interface WeatherProvider {

    /** The name written into every EventWeather and the run summary (the munin.weather.providers value). */
    String name();

    /** The credit the provider's licence asks for, or null when nothing is fetched. */
    String attribution();

    /**
     * Why this provider cannot be asked at all in this run (weather switched off, Frost without a
     * client id, MET Norway without a contact in the User-Agent); empty when it can. The chain
     * skips it and the run report says so once.
     */
    default Optional<String> unavailableForEveryEvent() {
        return Optional.empty();
    }

    /**
     * Why this provider holds nothing between {@code from} and {@code to}, known without asking
     * (a forecast for older times, days beyond the forecast API's past_days); empty when it may.
     * It keeps requests that could only come back empty from being sent.
     */
    default Optional<String> cannotCover(Instant from, Instant to) {
        return Optional.empty();
    }

    /**
     * The records at a place covering at least [from, to] as far as the provider holds them, in
     * one request (or the few a provider needs, e.g. Frost's station then its observations).
     */
    Fetched<WeatherSeries> series(RoundedPosition place, Instant from, Instant to);
}
