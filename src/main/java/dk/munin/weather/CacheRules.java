package dk.munin.weather;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a cached weather answer is reused without asking (docs/weather.md, "Cache"). The
 * service's own Expires decides when it sent one (MET Norway does: its terms ask clients to
 * respect it); otherwise the answer's age does.
 *
 * @param maxAge           munin.weather.cache.max-age-days: for an answer without Expires (Open-Meteo's
 *                         archive: past weather that no longer changes)
 * @param incompleteMaxAge munin.weather.cache.incomplete-max-age-hours: for an answer without Expires that
 *                         holds nulls, such as the archive's last few days, which it fills in later
 */
public record CacheRules(Duration maxAge, Duration incompleteMaxAge) {

    /** Until when the answer is reused without a request; from then on it is asked again (if modified since). */
    Instant freshUntil(CachedResponse entry) {
        return entry.expires().orElseGet(() -> entry.confirmedAt().plus(entry.holdsNulls() ? incompleteMaxAge : maxAge));
    }

    boolean fresh(CachedResponse entry, Instant now) {
        return now.isBefore(freshUntil(entry));
    }
}
