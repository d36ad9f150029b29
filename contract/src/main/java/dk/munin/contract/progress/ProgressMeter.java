package dk.munin.contract.progress;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongSupplier;

/**
 * A long stage's progress as one line the console, CloudWatch Logs and a researcher all read the
 * same way: photos done of the total, the rate, the time left and, where the stage is paid by
 * the hour, the DKK spent so far:
 * {@code progress: 150/300 photos (50 %), 12.3 photos/s, ETA 12 s, 0.0021 DKK spent}.
 * A line is written for the first photo, then at most every {@code everyPhotos} photos or
 * {@code everySeconds} seconds, whichever comes first, and for the last.
 */
public final class ProgressMeter {

    private static final double NANOS_PER_SECOND = 1e9;

    private final long total;
    private final LongSupplier nanoTime;
    private final DoubleUnaryOperator spentDkk;
    private final Consumer<String> out;
    private final long everyPhotos;
    private final long everyNanos;
    private final long started;
    private long done;
    private long lastLineDone;
    private long lastLineAt;

    /**
     * @param total        the photos the stage expects to do (its ETA is from them); 0 when not known
     * @param spentDkk     DKK spent for the stage's seconds so far; null when nothing is paid by the hour
     * @param everyPhotos  a line at least this often, in photos
     * @param everySeconds and in seconds
     */
    public ProgressMeter(long total, LongSupplier nanoTime, DoubleUnaryOperator spentDkk, Consumer<String> out,
                         long everyPhotos, double everySeconds) {
        this.total = total;
        this.nanoTime = nanoTime;
        this.spentDkk = spentDkk;
        this.out = out;
        this.everyPhotos = Math.max(1, everyPhotos);
        this.everyNanos = (long) (everySeconds * NANOS_PER_SECOND);
        this.started = nanoTime.getAsLong();
        this.lastLineAt = started;
    }

    /** One more photo done. */
    public void advance() {
        done++;
        long now = nanoTime.getAsLong();
        if (done == 1 || done == total || done - lastLineDone >= everyPhotos || now - lastLineAt >= everyNanos) {
            lastLineDone = done;
            lastLineAt = now;
            out.accept(line(done, (now - started) / NANOS_PER_SECOND));
        }
    }

    public long done() {
        return done;
    }

    /** "progress: 150/300 photos (50 %), 12.3 photos/s, ETA 12 s, 0.0021 DKK spent" */
    String line(long photos, double seconds) {
        double rate = seconds > 0 ? photos / seconds : 0;
        StringBuilder line = new StringBuilder(total > 0
                ? String.format(Locale.ROOT, "progress: %d/%d photos (%d %%), %.1f photos/s", photos, total, photos * 100 / total, rate)
                : String.format(Locale.ROOT, "progress: %d photos, %.1f photos/s", photos, rate));
        if (rate > 0 && photos < total) {
            line.append(", ETA ").append(duration((total - photos) / rate));
        }
        if (spentDkk != null) {
            line.append(String.format(Locale.ROOT, ", %.4f DKK spent", spentDkk.applyAsDouble(seconds)));
        }
        return line.toString();
    }

    /** 42 s, 12 min, 3.5 h. */
    static String duration(double seconds) {
        if (seconds < 90) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 5400) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
}
