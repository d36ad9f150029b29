package dk.munin.session;

import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectNotFound;
import dk.munin.contract.storage.Storage;
import dk.munin.testing.ManualClock;
import dk.munin.testing.WorkFolders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one-writer rule, on a local folder and on S3 through the real SDK client against an embedded S3 server. */
class SessionLeaseTest {

    private static final SessionSettings SETTINGS = new SessionSettings(Duration.ofSeconds(120), Duration.ofSeconds(30));
    private static WorkFolders folders;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T08:00:00Z"));
    private static Storage storage;

    @BeforeAll
    static void start() throws Exception {
        folders = WorkFolders.start("session-lease");
        storage = folders.storage();
    }

    @AfterAll
    static void stop() throws Exception {
        folders.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {WorkFolders.LOCAL, WorkFolders.S3})
    void aSecondRunOfTheSessionIsRefusedWhileTheFirstHoldsItAndMayRunOnceItEnds(String where) {
        Location work = folders.fresh(where);
        SessionLease first = acquire(work);

        assertThatThrownBy(() -> acquire(work))
                .isInstanceOf(SessionBusy.class)
                .hasMessageContaining("Session s1 is already being run by process " + ProcessHandle.current().pid())
                .hasMessageContaining("lease until 2026-12-03T08:02:00Z")
                .hasMessageContaining("or give this run another session_id");

        first.close();
        try (SessionLease second = acquire(work)) {
            assertThat(second.location().name()).isEqualTo("lease-00000001.json");
        }
        assertThat(leases(work)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {WorkFolders.LOCAL, WorkFolders.S3})
    void aLeaseThatExpiredWithoutRenewalIsTakenOverByTheNextNumber(String where) {
        Location work = folders.fresh(where);
        writeLease(work, 1, "another-machine", 4242, clock.instant().plusSeconds(120));
        assertThatThrownBy(() -> acquire(work)).isInstanceOf(SessionBusy.class).hasMessageContaining("process 4242 on another-machine");

        clock.advance(Duration.ofSeconds(121));
        try (SessionLease taken = acquire(work)) {
            assertThat(taken.location().name()).isEqualTo("lease-00000002.json");
            assertThat(leases(work)).containsExactly("lease-00000002.json");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {WorkFolders.LOCAL, WorkFolders.S3})
    void aLeaseOfAProcessOnThisMachineThatIsGoneIsTakenOverAtOnce(String where) throws Exception {
        Location work = folders.fresh(where);
        Process crashed = new ProcessBuilder("true").start();
        crashed.waitFor(10, TimeUnit.SECONDS);
        writeLease(work, 3, LeaseHolder.thisProcess(clock.instant(), clock.instant()).host(), crashed.pid(), clock.instant().plusSeconds(120));

        try (SessionLease taken = acquire(work)) {
            assertThat(taken.location().name()).isEqualTo("lease-00000004.json");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {WorkFolders.LOCAL, WorkFolders.S3})
    void ofRunsStartingTogetherExactlyOneGetsTheSession(String where) throws Exception {
        Location work = folders.fresh(where);
        int runs = 6;
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<SessionLease>> attempts = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            attempts.add(pool.submit(() -> {
                start.await();
                try {
                    return acquire(work);
                } catch (SessionBusy refused) {
                    return null;
                }
            }));
        }
        start.countDown();
        List<SessionLease> holders = new ArrayList<>();
        for (Future<SessionLease> attempt : attempts) {
            SessionLease lease = attempt.get(30, TimeUnit.SECONDS);
            if (lease != null) {
                holders.add(lease);
            }
        }
        pool.shutdown();

        assertThat(holders).hasSize(1);
        holders.get(0).close();
    }

    @ParameterizedTest
    @ValueSource(strings = {WorkFolders.LOCAL, WorkFolders.S3})
    void aHolderThatFindsItsLeaseTakenOverIsToldAndDoesNotRemoveTheNewOne(String where) throws Exception {
        Location work = folders.fresh(where);
        CountDownLatch lost = new CountDownLatch(1);
        SessionSettings quick = new SessionSettings(Duration.ofSeconds(120), Duration.ofMillis(50));
        SessionLease slow = SessionLease.acquire(storage, work, "s1", quick, clock, lost::countDown);
        writeLease(work, 2, "another-machine", 77, clock.instant().plusSeconds(600));

        assertThat(lost.await(10, TimeUnit.SECONDS)).isTrue();
        slow.close();
        assertThat(storage.exists(work.resolve(SessionLease.FOLDER + "lease-00000002.json"))).isTrue();
    }

    /** The names of the session's lease objects (a local lease folder is removed with its last lease). */
    private static List<String> leases(Location work) {
        try {
            return storage.list(work.resolve(SessionLease.FOLDER).asFolder()).stream().map(o -> o.location().name()).toList();
        } catch (ObjectNotFound removed) {
            return List.of();
        }
    }

    private SessionLease acquire(Location work) {
        return SessionLease.acquire(storage, work, "s1", SETTINGS, clock, () -> {
        });
    }

    private void writeLease(Location work, int number, String host, long pid, Instant expires) {
        LeaseHolder holder = new LeaseHolder("t-" + number, host, pid, null, clock.instant(), expires);
        Location lease = work.resolve(SessionLease.FOLDER + String.format("lease-%08d.json", number));
        assertThat(storage.createIfAbsent(lease, holder.toJson())).isTrue();
        assertThat(new String(storage.read(lease), StandardCharsets.UTF_8)).contains("\"pid\" : " + pid);
    }
}
