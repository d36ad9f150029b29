package dk.munin.manifest;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * A clock that ran fast or slow, known from two photos of a trusted clock: one at setup and
 * one at collection, each giving what the camera showed and what the true time was. Between
 * (and beyond) them, camera time maps linearly onto true time:
 * {@code true = trueAtSetup + (camera - cameraAtSetup) x (trueAtCollection - trueAtSetup) / (cameraAtCollection - cameraAtSetup)}.
 * So a constant offset is corrected as well as the drift. Results are rounded to the millisecond.
 */
public record ClockDrift(LocalDateTime cameraAtSetup, LocalDateTime trueAtSetup,
                         LocalDateTime cameraAtCollection, LocalDateTime trueAtCollection) implements TimeCorrection {

    private static final BigInteger NANOS_PER_MILLI = BigInteger.valueOf(1_000_000);
    private static final double PPM = 1e6;

    public ClockDrift {
        if (!cameraAtCollection.isAfter(cameraAtSetup)) {
            throw new IllegalArgumentException("the camera time at collection must be after the camera time at setup");
        }
        if (!trueAtCollection.isAfter(trueAtSetup)) {
            throw new IllegalArgumentException("the true time at collection must be after the true time at setup");
        }
    }

    /** How far the camera's clock rate differs from the true rate, in parts per million (+ = camera fast). */
    public double driftPpm() {
        double camera = nanos(cameraAtSetup, cameraAtCollection).doubleValue();
        double truth = nanos(trueAtSetup, trueAtCollection).doubleValue();
        return (camera / truth - 1) * PPM;
    }

    @Override
    public LocalDateTime apply(LocalDateTime time) {
        BigInteger elapsedOnCamera = nanos(cameraAtSetup, time);
        BigInteger trueSpan = nanos(trueAtSetup, trueAtCollection);
        BigInteger cameraSpan = nanos(cameraAtSetup, cameraAtCollection);
        BigInteger elapsedMillis = new BigDecimal(elapsedOnCamera.multiply(trueSpan))
                .divide(new BigDecimal(cameraSpan.multiply(NANOS_PER_MILLI)), 0, RoundingMode.HALF_UP)
                .toBigIntegerExact();
        return trueAtSetup.plus(elapsedMillis.longValueExact(), ChronoUnit.MILLIS);
    }

    @Override
    public String describe(LocalDateTime before, LocalDateTime after) {
        Duration change = Duration.between(before, after);
        return String.format(Locale.ROOT, "drift %+.3fs (%+.1f ppm)", change.toMillis() / 1000.0, driftPpm());
    }

    private static BigInteger nanos(LocalDateTime from, LocalDateTime to) {
        Duration duration = Duration.between(from, to);
        return BigInteger.valueOf(duration.getSeconds()).multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(duration.getNano()));
    }
}
