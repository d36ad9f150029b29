package dk.munin.bench;

import dk.munin.contract.testing.DamagedPhotos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code make bench-badinput}: damaged copies of the shared photos ({@link DamagedPhotos}: bit
 * flips, truncations, segments deleted or duplicated, segment lengths corrupted, random bytes
 * inserted; from a fixed seed, in a temporary folder) through Stage-0 and the detector
 * ({@link BadInputRun}). Prints per stage what was read, what failed by reason, what escaped
 * (unhandled), the time and the peak heap, and exits 1 when anything escaped.
 *
 * <p>Usage: {@code BadInputBenchmark <photos> <model.onnx> <detector jar> [count] [seed] [detector heap] [work folder]};
 * without the photos or the model it says so and exits 0 (a clone without ../shared).
 */
public final class BadInputBenchmark {

    static final int DEFAULT_COUNT = 10_000;
    static final long DEFAULT_SEED = 20_261_203L;
    static final String DEFAULT_DETECTOR_HEAP = "512m";
    private static final double MIB = 1024.0 * 1024.0;
    private static final int WARNINGS_SHOWN = 12;

    private BadInputBenchmark() {
    }

    /** What the run made of the damaged photos. */
    record Outcome(int photos, Map<DamagedPhotos.Kind, Integer> kinds, BadInputRun.Tally stage0, BadInputRun.Tally detector) {

        int unhandled() {
            return stage0.unhandled().size() + detector.unhandled().size();
        }
    }

    public static void main(String[] args) throws Exception {
        Path photos = Path.of(args[0]);
        Path model = Path.of(args[1]);
        Path jar = Path.of(args[2]);
        int count = args.length > 3 ? Integer.parseInt(args[3].replace("_", "")) : DEFAULT_COUNT;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : DEFAULT_SEED;
        String heap = args.length > 5 && !args[5].isBlank() ? args[5] : DEFAULT_DETECTOR_HEAP;
        if (!Files.isDirectory(photos) || !Files.isRegularFile(model)) {
            System.out.println("bench-badinput: skipped: needs the shared photos at " + photos + " and the model at " + model
                    + " (present on the team's machines, absent in a user's clone)");
            return;
        }
        if (!Files.isRegularFile(jar)) {
            System.out.println("bench-badinput: FAILED: no detector jar at " + jar + " (make build)");
            System.exit(1);
        }
        Path work = args.length > 6 && !args[6].isBlank() ? Files.createDirectories(Path.of(args[6]))
                : Files.createTempDirectory("munin-bench-badinput-");
        try {
            Outcome outcome = run(photos, model, jar, count, seed, heap, work);
            print(outcome, photos, model, seed, heap);
            if (outcome.unhandled() > 0) {
                System.exit(1);
            }
        } finally {
            if (args.length <= 6 || args[6].isBlank()) {
                deleteTree(work);
            }
        }
    }

    /** Writes the damaged photos into {@code work}/photos, then runs both stages over them. */
    static Outcome run(Path photos, Path model, Path jar, int count, long seed, String heap, Path work)
            throws IOException, InterruptedException {
        DamagedPhotos damage = DamagedPhotos.of(photos, seed);
        Path damaged = Files.createDirectories(work.resolve("photos"));
        Map<DamagedPhotos.Kind, Integer> kinds = new EnumMap<>(DamagedPhotos.Kind.class);
        for (int i = 0; i < count; i++) {
            DamagedPhotos.Mutant mutant = damage.next();
            Files.write(damaged.resolve(mutant.fileName()), mutant.bytes());
            kinds.merge(mutant.kind(), 1, Integer::sum);
        }
        Path output = work.resolve("out");
        BadInputRun.Tally stage0 = BadInputRun.stage0(damaged, output, count);
        BadInputRun.Tally detector = BadInputRun.detector(jar, model, output, heap);
        return new Outcome(count, kinds, stage0, detector);
    }

    private static void print(Outcome outcome, Path photos, Path model, long seed, String heap) {
        line("Bad-input benchmark: %,d damaged copies of the photos in %s (seed %d), %d CPUs (load average %.1f)",
                outcome.photos(), photos, seed, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        StringBuilder kinds = new StringBuilder();
        outcome.kinds().forEach((kind, n) -> kinds.append(kinds.length() == 0 ? "" : ", ").append(kind.label()).append(' ').append(n));
        line("  %-10s %s", "damage", kinds);
        BadInputRun.Tally stage0 = outcome.stage0();
        line("  %-10s in this JVM (heap limit %.0f MiB): %.1f s, %.0f photos/s; peak heap %.1f MiB (sampled), %s",
                "Stage-0", Runtime.getRuntime().maxMemory() / MIB, stage0.seconds(), stage0.photos() / stage0.seconds(),
                stage0.peakHeapBytes() / MIB, stage0.collections() == 0 ? "no collection"
                        : String.format(Locale.ROOT, "%.1f MiB after a collection, %d collections", stage0.afterGcBytes() / MIB,
                        stage0.collections()));
        tally(stage0, "with warnings");
        BadInputRun.Tally detector = outcome.detector();
        line("  %-10s java -Xmx%s -jar, %s: %.1f s, %.0f photos/s; peak heap %.1f MiB (before a collection), %.1f MiB after one, %d collections",
                "detector", heap, model.getFileName(), detector.seconds(), detector.photos() / detector.seconds(),
                detector.peakHeapBytes() / MIB, detector.afterGcBytes() / MIB, detector.collections());
        tally(detector, "flagged truncated");
        line("  %-10s %s", "checks", outcome.unhandled() == 0
                ? "every photo has one line in images.jsonl and one entry in detections.json, read or failed with a reason; 0 unhandled"
                : outcome.unhandled() + " unhandled: FAILED");
    }

    private static void tally(BadInputRun.Tally tally, String flagged) {
        line("  %-10s read %,d (%,d %s), failed %,d, unhandled %d", "", tally.read(), tally.flagged(), flagged, tally.failedCount(),
                tally.unhandled().size());
        tally.warnings().entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(WARNINGS_SHOWN)
                .forEach(warning -> line("  %-10s %7d  read, first warning: %s", "", warning.getValue(), warning.getKey()));
        tally.failed().entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(reason -> line("  %-10s %7d  %s", "", reason.getValue(), reason.getKey()));
        tally.unhandled().stream().limit(20).forEach(escaped -> line("  %-10s UNHANDLED %s", "", escaped));
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** printf with the root locale: the same figures on every machine. */
    private static void line(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
