package dk.munin.output.report;

import dk.munin.cluster.Event;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;

/**
 * Sunrise and sunset on the cameras' clocks, for the activity plot: averaged over the events that
 * have a position and a known UTC offset (the offset is the event's camera time minus its UTC time,
 * so it holds whatever time zone the camera kept).
 */
final class LocalSun {

    /** Mean sunrise and sunset in hours of camera time, over {@code events} events. */
    record Times(double sunrise, double sunset, int events) {

        String describe() {
            return "sunrise " + clock(sunrise) + ", sunset " + clock(sunset);
        }
    }

    private LocalSun() {
    }

    static Optional<Times> over(Collection<Event> events) {
        double sunrise = 0;
        double sunset = 0;
        int counted = 0;
        for (Event event : events) {
            Optional<double[]> times = of(event);
            if (times.isPresent()) {
                sunrise += times.get()[0];
                sunset += times.get()[1];
                counted++;
            }
        }
        return counted == 0 ? Optional.empty() : Optional.of(new Times(sunrise / counted, sunset / counted, counted));
    }

    /** {sunrise, sunset} in hours 0..24 of the event's camera time, when it has a position and a UTC time. */
    static Optional<double[]> of(Event event) {
        if (!event.hasPosition() || event.startUtc() == null || event.startLocal() == null) {
            return Optional.empty();
        }
        double offsetHours = Duration.between(event.startUtc(), event.startLocal().toInstant(ZoneOffset.UTC)).toMinutes() / 60.0;
        return SunTimes.of(event.latitude(), event.longitude(), event.startLocal().toLocalDate())
                .map(day -> new double[] {wrap(day.sunriseUtcHours() + offsetHours), wrap(day.sunsetUtcHours() + offsetHours)});
    }

    static String clock(double hours) {
        int minutes = (int) Math.round(wrap(hours) * 60) % (24 * 60);
        return String.format(java.util.Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
    }

    private static double wrap(double hours) {
        return ((hours % 24) + 24) % 24;
    }
}
