package dk.munin.weather;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The providers of munin.weather.providers, asked in order for the events at one place: the
 * first that has an event's weather gives it. Events close in time share one request per
 * provider (all of a station's events of a season in one archive request), and an event no
 * provider has weather for is unavailable with every provider's reason, so a researcher sees
 * why each could not help.
 */
public class WeatherLookup {

    private final List<WeatherProvider> providers;
    /** The providers that can be asked in this run: what each lacks does not change while it runs. */
    private final List<WeatherProvider> asked;
    private final Duration tolerance;
    private final int daysBack;
    private final Spans spans;
    private final Map<String, Long> eventsWithWeather = new TreeMap<>();

    /**
     * @param tolerance munin.weather.max-step-distance-minutes
     * @param daysBack  the manifest's weather_days_back
     */
    public WeatherLookup(List<WeatherProvider> providers, Duration tolerance, int daysBack, Spans spans) {
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("a weather chain needs at least one provider");
        }
        this.providers = List.copyOf(providers);
        this.asked = this.providers.stream().filter(p -> p.unavailableForEveryEvent().isEmpty()).toList();
        this.tolerance = tolerance;
        this.daysBack = daysBack;
        this.spans = spans;
    }

    /**
     * How events are joined into requests.
     *
     * @param joinGap munin.weather.request.join-gap-days: events less apart share a request
     * @param maxSpan munin.weather.request.max-days: no request asks for more days than this
     */
    public record Spans(Duration joinGap, Duration maxSpan) {
    }

    /** The providers' names joined, "open-meteo-archive,metno": an unavailable event's provider. */
    public String name() {
        return providers.stream().map(WeatherProvider::name).collect(Collectors.joining(","));
    }

    /** The credits of the providers that can be asked, joined; null when none fetches. */
    public String attribution() {
        String credits = asked.stream().map(WeatherProvider::attribution).filter(a -> a != null).distinct()
                .collect(Collectors.joining("; "));
        return credits.isEmpty() ? null : credits;
    }

    /** Why no event of this run can get weather (every provider skipped, e.g. none); empty when one can be asked. */
    public Optional<String> unavailableForEveryEvent() {
        return asked.isEmpty() ? providers.get(0).unavailableForEveryEvent() : Optional.empty();
    }

    /** The providers skipped in this run and why, for the run report (said once, not per event). */
    public Map<String, String> skipped() {
        Map<String, String> skipped = new LinkedHashMap<>();
        providers.forEach(p -> p.unavailableForEveryEvent().ifPresent(reason -> skipped.put(p.name(), reason)));
        return skipped;
    }

    /** Per provider, the events it gave weather to so far. */
    public Map<String, Long> eventsWithWeather() {
        return Map.copyOf(eventsWithWeather);
    }

    /** The weather of each event at one place, in the events' order. */
    public List<EventWeather> weatherAt(RoundedPosition place, List<EventTime> events) {
        Map<String, EventWeather> found = new LinkedHashMap<>();
        Map<String, List<String>> reasons = new LinkedHashMap<>();
        events.forEach(e -> reasons.put(e.eventId(), new ArrayList<>()));
        for (WeatherProvider provider : asked) {
            List<EventTime> remaining = events.stream().filter(e -> !found.containsKey(e.eventId())).toList();
            for (List<EventTime> group : groups(remaining)) {
                ask(provider, place, group, found, reasons);
            }
        }
        List<EventWeather> weather = new ArrayList<>();
        for (EventTime event : events) {
            EventWeather answer = found.get(event.eventId());
            weather.add(answer != null ? answer : EventWeather.unavailable(event.eventId(), name(),
                    String.join("; ", reasons.get(event.eventId()))));
        }
        return weather;
    }

    private void ask(WeatherProvider provider, RoundedPosition place, List<EventTime> group, Map<String, EventWeather> found,
                     Map<String, List<String>> reasons) {
        // a chain of one needs no provider name before its reasons; a longer one says whose each is
        String whose = asked.size() > 1 ? provider.name() + ": " : "";
        Instant from = group.stream().map(this::from).min(Comparator.naturalOrder()).orElseThrow();
        Instant to = group.stream().map(this::to).max(Comparator.naturalOrder()).orElseThrow();
        Optional<String> cannot = provider.cannotCover(from, to);
        if (cannot.isPresent()) {
            group.forEach(e -> reasons.get(e.eventId()).add(whose + cannot.get()));
            return;
        }
        Fetched<WeatherSeries> answer = provider.series(place, from, to);
        for (EventTime event : group) {
            if (answer.failure() != null) {
                reasons.get(event.eventId()).add(whose + answer.failure());
                continue;
            }
            match(provider, place, answer.answer(), event).ifPresentOrElse(weather -> {
                found.put(event.eventId(), weather);
                eventsWithWeather.merge(provider.name(), 1L, Long::sum);
            }, () -> reasons.get(event.eventId()).add(whose + missing(answer.answer(), place, event)));
        }
    }

    private Optional<EventWeather> match(WeatherProvider provider, RoundedPosition place, WeatherSeries series, EventTime event) {
        return series.nearest(event.utc(), tolerance)
                .filter(record -> !record.values().isEmpty())
                .map(record -> EventWeather.of(event.eventId(), provider.name(), provider.attribution(), series.source(), record,
                        event.utc(), PriorDays.of(series, event.utc(), event.localOffset(), daysBack)));
    }

    /** Why the answer has nothing for the event: no record near its time, or a record without values. */
    private String missing(WeatherSeries series, RoundedPosition place, EventTime event) {
        Optional<WeatherRecord> nearest = series.nearest(event.utc(), tolerance);
        if (nearest.isPresent()) {
            return "the answer for " + place + " has no values for " + nearest.get().time()
                    + " (an archive fills the last days only later)";
        }
        return String.format("no record within %d minutes of the event time %s: the answer for %s covers %s to %s",
                tolerance.toMinutes(), event.utc(), place, series.first(), series.last());
    }

    /**
     * What an event needs: its own time give or take the tolerance, the days before it for
     * weather_days_back, and an hour more, for the precipitation of the hour before a record.
     */
    private Instant from(EventTime event) {
        Instant near = event.utc().minus(tolerance);
        if (daysBack == 0) {
            return near;
        }
        LocalDate firstDay = event.utc().atOffset(event.localOffset()).toLocalDate().minusDays(daysBack);
        Instant dayStart = firstDay.atStartOfDay().toInstant(event.localOffset());
        return dayStart.isBefore(near) ? dayStart : near;
    }

    private Instant to(EventTime event) {
        return event.utc().plus(tolerance).plus(Duration.ofHours(1));
    }

    /** The events in groups that share a request: close in time, and no group longer than maxSpan. */
    private List<List<EventTime>> groups(List<EventTime> events) {
        List<EventTime> byTime = events.stream().sorted(Comparator.comparing(this::from)).toList();
        List<List<EventTime>> groups = new ArrayList<>();
        List<EventTime> current = new ArrayList<>();
        Instant groupStart = null;
        Instant groupEnd = null;
        for (EventTime event : byTime) {
            boolean joins = groupEnd != null && !from(event).isAfter(groupEnd.plus(spans.joinGap()))
                    && !to(event).isAfter(groupStart.plus(spans.maxSpan()));
            if (!joins && !current.isEmpty()) {
                groups.add(current);
                current = new ArrayList<>();
            }
            if (current.isEmpty()) {
                groupStart = from(event);
                groupEnd = to(event);
            }
            current.add(event);
            groupEnd = to(event).isAfter(groupEnd) ? to(event) : groupEnd;
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }
}
