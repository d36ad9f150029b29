package dk.munin.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The heap figures of {@code make bench-load}, from the log a real JVM writes with {@link GcLog#option}. */
class GcLogTest {

    private static final int HEAP_MIB = 64;
    private static final int HELD_MIB = 24;

    @TempDir
    Path dir;

    /**
     * Holds HELD_MIB in quarter-MiB arrays (under half a G1 region, so not humongous objects, which take
     * whole regions), makes garbage around them, then collects in full and exits.
     */
    public static final class Allocator {
        public static void main(String[] args) {
            List<byte[]> held = new ArrayList<>();
            for (int i = 0; i < HELD_MIB * 4; i++) {
                held.add(new byte[1 << 18]);
                for (int j = 0; j < 8; j++) {
                    byte[] garbage = new byte[1 << 18];
                    garbage[j] = (byte) j;
                }
            }
            System.gc();
            System.out.println(held.size());
        }
    }

    @Test
    void aJvmsLogGivesItsPeakWhatSurvivedCollectionsAndItsHeapAtExit() throws Exception {
        Path log = dir.resolve("gc.log");
        Instant before = Instant.now().minusSeconds(1);
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP_MIB + "m", "-XX:+UseG1GC", GcLog.option(log), "-cp", System.getProperty("java.class.path"),
                Allocator.class.getName()).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(jvm.exitValue()).isZero();
        Instant after = Instant.now().plusSeconds(1);

        GcLog gc = GcLog.read(log);

        long mib = 1 << 20;
        assertThat(gc.fullCollections()).as("System.gc()").isGreaterThanOrEqualTo(1);
        assertThat(gc.youngCollections()).as("the garbage").isPositive();
        assertThat(gc.exit()).isNotNull();
        assertThat(gc.peakBytes()).isGreaterThanOrEqualTo(HELD_MIB * mib).isLessThanOrEqualTo(HEAP_MIB * mib);
        assertThat(gc.mostAfterCollectionBytes()).isGreaterThanOrEqualTo(HELD_MIB * mib).isLessThanOrEqualTo(gc.peakBytes());
        assertThat(gc.liveBytes()).as("after the full collection: what is held").isBetween(HELD_MIB * mib, (HELD_MIB + 8) * mib);
        assertThat(gc.mostCommittedBytes()).isLessThanOrEqualTo(HEAP_MIB * mib);
        assertThat(gc.pauses()).allSatisfy(pause -> assertThat(pause.at()).isBetween(before, after));
        assertThat(gc.peakBytesBetween(before, after)).isEqualTo(gc.pauses().stream().mapToLong(GcLog.Pause::beforeBytes).max().orElseThrow());
        assertThat(gc.peakBytesBetween(after, after.plusSeconds(60))).isZero();
    }
}
