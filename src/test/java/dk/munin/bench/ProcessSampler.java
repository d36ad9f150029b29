package dk.munin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

/**
 * Samples a process and the detector processes below it from Linux's {@code /proc} every
 * {@code intervalMillis}: open file descriptors (the entries of {@code /proc/<pid>/fd}), threads,
 * resident memory now and at its most ({@code Threads}, {@code VmRSS}, {@code VmHWM} of
 * {@code /proc/<pid>/status}). Reading {@code /proc} opens nothing in the processes sampled, and a
 * process that ends between two reads is simply left out of that sample.
 */
final class ProcessSampler implements AutoCloseable {

    /** One reading of one process. {@code role} is "app" or "detector". */
    record Sample(Instant at, long pid, String role, int fds, int threads, long rssKb, long peakRssKb) {
    }

    static final int TREND_SAMPLES = 9;

    private final long rootPid;
    private final String detectorMarker;
    private final long intervalMillis;
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final Thread thread = new Thread(this::run, "process-sampler");

    /**
     * @param rootPid        the app's JVM
     * @param detectorMarker a word of a descendant's command line that makes it a detector (its jar)
     */
    ProcessSampler(long rootPid, String detectorMarker, long intervalMillis) {
        this.rootPid = rootPid;
        this.detectorMarker = detectorMarker;
        this.intervalMillis = intervalMillis;
    }

    ProcessSampler start() {
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Takes one sample of every process now. */
    void sampleOnce() {
        Instant now = Instant.now();
        read(rootPid, "app", now).ifPresent(samples::add);
        ProcessHandle.of(rootPid).ifPresent(root -> root.descendants()
                .filter(child -> child.info().commandLine().map(line -> line.contains(detectorMarker)).orElse(false))
                .forEach(child -> read(child.pid(), "detector", now).ifPresent(samples::add)));
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join();
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            sampleOnce();
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException stopped) {
                return;
            }
        }
    }

    /** The process's figures, or empty when it has ended (or is not a Linux process we may read). */
    static Optional<Sample> read(long pid, String role, Instant at) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
            int open = (int) fds.count();
            int threads = 0;
            long rss = 0;
            long peakRss = 0;
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(field(line));
                } else if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(field(line));
                } else if (line.startsWith("VmHWM:")) {
                    peakRss = Long.parseLong(field(line));
                }
            }
            return threads == 0 ? Optional.empty() : Optional.of(new Sample(at, pid, role, open, threads, rss, peakRss));
        } catch (IOException | RuntimeException gone) {
            // a process ending while /proc is read shows as one of several errors; its earlier samples stand
            return Optional.empty();
        }
    }

    /** "VmRSS:	  123456 kB" gives "123456". */
    private static String field(String line) {
        String[] words = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
        return words[0];
    }

    /**
     * How much a figure grew while a process worked: its most in the last third of the samples less its
     * most in the first third (the most, so a pool of readers that opens and closes files evens out).
     * 0 with fewer than {@value #TREND_SAMPLES} samples, too few to tell growth from noise.
     */
    static int growth(List<Sample> samples, ToIntFunction<Sample> figure) {
        if (samples.size() < TREND_SAMPLES) {
            return 0;
        }
        int third = samples.size() / 3;
        int early = samples.subList(0, third).stream().mapToInt(figure).max().orElse(0);
        int late = samples.subList(samples.size() - third, samples.size()).stream().mapToInt(figure).max().orElse(0);
        return late - early;
    }

    /** The samples of one process, in time order. */
    static List<Sample> of(List<Sample> samples, long pid) {
        List<Sample> mine = new ArrayList<>();
        for (Sample sample : samples) {
            if (sample.pid() == pid) {
                mine.add(sample);
            }
        }
        return mine;
    }
}
