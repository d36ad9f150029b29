package dk.munin.bench;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Open files and threads as {@code make bench-load} samples them from /proc, here of this JVM and a child of it. */
class ProcessSamplerTest {

    private static final long SELF = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    @BeforeEach
    void linux() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "Skipped: needs Linux's /proc");
    }

    @Test
    void filesOpenedAndThreadsStartedShowInTheNextSample() throws Exception {
        ProcessSampler.Sample before = ProcessSampler.read(SELF, "app", Instant.now()).orElseThrow();
        List<FileChannel> open = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                open.add(FileChannel.open(Files.createFile(dir.resolve("f" + i)), StandardOpenOption.READ));
            }
            for (int i = 0; i < 10; i++) {
                Thread thread = new Thread(() -> awaitQuietly(done));
                thread.start();
                threads.add(thread);
            }
            ProcessSampler.Sample during = ProcessSampler.read(SELF, "app", Instant.now()).orElseThrow();

            assertThat(during.fds() - before.fds()).isGreaterThanOrEqualTo(40);
            assertThat(during.threads() - before.threads()).isGreaterThanOrEqualTo(10);
            assertThat(during.rssKb()).isPositive().isLessThanOrEqualTo(during.peakRssKb());
        } finally {
            done.countDown();
            for (FileChannel channel : open) {
                channel.close();
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }

    @Test
    void aChildWhoseCommandLineHasTheMarkerIsSampledAsADetectorAndAnEndedProcessNotAtAll() throws Exception {
        Process child = new ProcessBuilder("sleep", "30").start();
        try (ProcessSampler sampler = new ProcessSampler(SELF, "sleep", 10_000)) {
            sampler.sampleOnce();

            assertThat(sampler.samples()).extracting(ProcessSampler.Sample::role).containsExactly("app", "detector");
            assertThat(ProcessSampler.of(sampler.samples(), child.pid())).singleElement()
                    .satisfies(sample -> assertThat(sample.threads()).isPositive());
        } finally {
            child.destroyForcibly().waitFor();
        }
        assertThat(ProcessSampler.read(child.pid(), "detector", Instant.now())).isEmpty();
    }

    @Test
    void growthIsTheLastThirdsMostOverTheFirstThirdsAndNothingFromTooFewSamples() {
        assertThat(ProcessSampler.growth(samples(10, 12, 10, 11, 10, 12, 11, 10, 12), ProcessSampler.Sample::fds))
                .as("a pool opening and closing files").isZero();
        assertThat(ProcessSampler.growth(samples(IntStream.range(0, 30).map(i -> 10 + i).toArray()), ProcessSampler.Sample::fds))
                .as("a file a sample").isEqualTo(20);
        assertThat(ProcessSampler.growth(samples(10, 50, 90), ProcessSampler.Sample::fds)).isZero();
    }

    private static List<ProcessSampler.Sample> samples(int... fds) {
        Instant start = Instant.parse("2026-12-03T00:00:00Z");
        return IntStream.range(0, fds.length)
                .mapToObj(i -> new ProcessSampler.Sample(start.plusSeconds(i), 1, "app", fds[i], 20, 1000, 1000)).toList();
    }

    private static void awaitQuietly(CountDownLatch done) {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
