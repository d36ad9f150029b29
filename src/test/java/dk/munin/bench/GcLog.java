package dk.munin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM's heap over its life, from the garbage collector's own log ({@link #option}: every pause
 * with the heap in use before and after it and the heap committed, and the heap in use at exit).
 * Chosen over sampling ({@code jstat}, JMX) because it misses nothing: the heap in use only falls at a
 * collection, so the most before any pause (or at exit) is the true peak, and the log needs no attach
 * to a process that may be gone before it is read. Each line carries the time (UTC), so a peak can be
 * put in the workflow state that was running.
 */
record GcLog(List<Pause> pauses, Exit exit) {

    /** The JVM option that writes the log this reads; {@code %p} in the file name is the JVM's pid. */
    static String option(Path file) {
        return "-Xlog:gc,gc+heap+exit:file=" + file + ":utctime,tags";
    }

    /** One pause: "Pause Young (Normal) (G1 Evacuation Pause)", "Pause Full (System.gc())", "Pause Remark" ... */
    record Pause(Instant at, String kind, long beforeBytes, long afterBytes, long committedBytes) {

        boolean full() {
            return kind.startsWith("Pause Full");
        }

        /** A full or G1 mixed collection: old objects were reclaimed too, so what is left is close to the live data. */
        boolean reclaimedOld() {
            return full() || kind.startsWith("Pause Young (Mixed)");
        }
    }

    /** The heap at exit; null in a log of a JVM that was killed or is still running. */
    record Exit(Instant at, long committedBytes, long usedBytes) {
    }

    private static final Pattern PAUSE = Pattern.compile(
            "^\\[([^]]+)]\\[gc] GC\\(\\d+\\) (Pause .*?) (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
    private static final Pattern EXIT = Pattern.compile("^\\[([^]]+)]\\[gc,heap,exit] .*heap\\s+total (\\d+)K, used (\\d+)K");
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    static GcLog read(Path file) throws IOException {
        List<Pause> pauses = new ArrayList<>();
        Exit exit = null;
        for (String line : Files.readAllLines(file)) {
            Matcher pause = PAUSE.matcher(line);
            Matcher end = EXIT.matcher(line);
            if (pause.find()) {
                pauses.add(new Pause(time(pause.group(1)), pause.group(2), bytes(pause.group(3), pause.group(4)),
                        bytes(pause.group(5), pause.group(6)), bytes(pause.group(7), pause.group(8))));
            } else if (end.find()) {
                exit = new Exit(time(end.group(1)), Long.parseLong(end.group(2)) * 1024, Long.parseLong(end.group(3)) * 1024);
            }
        }
        return new GcLog(List.copyOf(pauses), exit);
    }

    /** The most heap in use at once: before a pause, or at exit. */
    long peakBytes() {
        return Math.max(most(pause -> true, Pause::beforeBytes), exit == null ? 0 : exit.usedBytes());
    }

    /** The most heap in use just after a pause: the live data then and old garbage a young collection left. */
    long mostAfterCollectionBytes() {
        return most(pause -> true, Pause::afterBytes);
    }

    /** The most heap the JVM had committed (reserved from the OS for the heap) at a pause. */
    long mostCommittedBytes() {
        return Math.max(most(pause -> true, Pause::committedBytes), exit == null ? 0 : exit.committedBytes());
    }

    long peakBytesBetween(Instant from, Instant to) {
        return most(pause -> within(pause.at(), from, to), Pause::beforeBytes);
    }

    long mostAfterCollectionBetween(Instant from, Instant to) {
        return most(pause -> within(pause.at(), from, to), Pause::afterBytes);
    }

    /** {@link #liveBytesBetween} over the whole log: right for a JVM that does one thing all its life (the detector). */
    long liveBytes() {
        return liveBytesBetween(Instant.MIN, Instant.MAX);
    }

    /**
     * The live data, as near as the log tells it: the most in use after a collection that reclaimed old
     * objects (full or mixed) in the stretch. A young collection leaves the old generation's garbage
     * counted, so its figure can be far above the live data; it is used only when no old collection ran
     * then (an upper bound).
     */
    long liveBytesBetween(Instant from, Instant to) {
        long old = most(pause -> pause.reclaimedOld() && within(pause.at(), from, to), Pause::afterBytes);
        return old > 0 ? old : mostAfterCollectionBetween(from, to);
    }

    long fullCollections() {
        return pauses.stream().filter(Pause::full).count();
    }

    long mixedCollections() {
        return pauses.stream().filter(pause -> pause.kind().startsWith("Pause Young (Mixed)")).count();
    }

    long youngCollections() {
        return pauses.stream().filter(pause -> pause.kind().startsWith("Pause Young")).count();
    }

    private long most(Predicate<Pause> which, ToLongFunction<Pause> figure) {
        return pauses.stream().filter(which).mapToLong(figure).max().orElse(0);
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return !at.isBefore(from) && at.isBefore(to);
    }

    private static Instant time(String text) {
        return OffsetDateTime.parse(text, UTC_TIME).toInstant();
    }

    private static long bytes(String number, String unit) {
        long value = Long.parseLong(number);
        return switch (unit) {
            case "K" -> value << 10;
            case "M" -> value << 20;
            default -> value << 30;
        };
    }
}
