package dk.munin.session;

import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectNotFound;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.contract.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one-writer rule of a session: a run holds a lease in the session's work folder while it
 * runs, and a second run of the session is refused while the lease holds.
 *
 * <p>Leases are numbered objects, {@code lease/lease-00000001.json}, each made with an exclusive
 * create ({@link ObjectStore#createIfAbsent}: a conditional PutObject on S3, a hard link on files),
 * so of two runs starting together exactly one gets number 1. A lease whose holder crashed is
 * stale once it expires (at once when the holder was a process on this machine that is gone);
 * a run takes it over by creating the next number, which again only one run can do. The holder
 * renews its lease while it runs and, should it find a higher number, knows it was taken over
 * (it was too slow to renew) and stops.
 */
public final class SessionLease implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionLease.class);
    static final String FOLDER = "lease/";
    private static final Pattern NAME = Pattern.compile("lease-(\\d{8})\\.json");

    private final ObjectStore storage;
    private final Location folder;
    private final Lease own;
    private final SessionSettings settings;
    private final Clock clock;
    private final Runnable onLost;
    private final ScheduledExecutorService renewer;
    private LeaseHolder holder;
    private boolean lost;

    private SessionLease(ObjectStore storage, Location folder, Lease own, LeaseHolder holder, SessionSettings settings, Clock clock,
                         Runnable onLost) {
        this.storage = storage;
        this.folder = folder;
        this.own = own;
        this.holder = holder;
        this.settings = settings;
        this.clock = clock;
        this.onLost = onLost;
        this.renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "session-lease");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Takes the session's lease and keeps renewing it until {@link #close()}.
     *
     * @param onLost called (once, on the lease's thread) if another run took the lease over
     * @throws SessionBusy when another run holds it
     */
    public static SessionLease acquire(ObjectStore storage, Location workFolder, String sessionId, SessionSettings settings,
                                       Clock clock, Runnable onLost) {
        Location folder = workFolder.resolve(FOLDER);
        List<Lease> leases = leases(storage, folder);
        Instant now = clock.instant();
        long number = 1;
        if (!leases.isEmpty()) {
            Lease current = leases.get(leases.size() - 1);
            LeaseHolder other = holderOf(storage, current, sessionId);
            if (other.mayBeRunning(now)) {
                throw busy(sessionId, other);
            }
            LOG.info("Session {}: taking over the stale lease of {}", sessionId, other.describe());
            number = current.number() + 1;
        }
        Lease own = new Lease(number, folder.resolve(String.format(Locale.ROOT, "lease-%08d.json", number)));
        LeaseHolder mine = LeaseHolder.thisProcess(now, now.plus(settings.leaseDuration()));
        if (!storage.createIfAbsent(own.location(), mine.toJson())) {
            throw busy(sessionId, holderOf(storage, own, sessionId));
        }
        leases.forEach(spent -> storage.delete(spent.location()));
        SessionLease lease = new SessionLease(storage, folder, own, mine, settings, clock, onLost);
        long every = settings.leaseRenewal().toMillis();
        lease.renewer.scheduleWithFixedDelay(lease::renew, every, every, TimeUnit.MILLISECONDS);
        return lease;
    }

    /** Where the session's leases are: runs that want the session write there while this one runs. */
    public Location folder() {
        return folder;
    }

    private static SessionBusy busy(String sessionId, LeaseHolder other) {
        return new SessionBusy("Session " + sessionId + " is already being run by " + other.describe()
                + ". Wait for that run to end (a run that crashed on another machine is taken over once its lease expires),"
                + " or give this run another session_id.");
    }

    private static LeaseHolder holderOf(ObjectStore storage, Lease lease, String sessionId) {
        try {
            return LeaseHolder.fromJson(storage.read(lease.location()));
        } catch (ObjectNotFound released) {
            throw new SessionBusy("Session " + sessionId + " was just taken by another run (its lease " + lease.location()
                    + " came and went while this run looked); try again");
        } catch (StorageException e) {
            throw e;
        } catch (RuntimeException unreadable) {
            throw new SessionBusy("Session " + sessionId + ": its lease " + lease.location() + " cannot be read (" + unreadable.getMessage()
                    + "). If no run of the session is going, delete it and run again.");
        }
    }

    /** The session's leases by number, lowest first. */
    private static List<Lease> leases(ObjectStore storage, Location folder) {
        try {
            return storage.list(folder.asFolder()).stream()
                    .map(object -> {
                        Matcher name = NAME.matcher(object.location().name());
                        return name.matches() ? new Lease(Long.parseLong(name.group(1)), object.location()) : null;
                    })
                    .filter(lease -> lease != null)
                    .sorted((a, b) -> Long.compare(a.number(), b.number()))
                    .toList();
        } catch (ObjectNotFound noLeaseYet) {
            return List.of();
        }
    }

    private synchronized void renew() {
        if (lost) {
            return;
        }
        Instant now = clock.instant();
        try {
            List<Lease> leases = leases(storage, folder);
            if (leases.isEmpty() || leases.get(leases.size() - 1).number() != own.number()) {
                lose("another run took the session's lease over (" + own.location() + " is no longer the newest)");
                return;
            }
            LeaseHolder renewed = holder.renewedUntil(now.plus(settings.leaseDuration()));
            storage.write(own.location(), renewed.toJson());
            holder = renewed;
        } catch (RuntimeException e) {
            if (!now.isBefore(holder.expires())) {
                lose("the lease could not be renewed before it expired: " + e.getMessage());
            } else {
                LOG.warn("Cannot renew the session's lease {} (it holds until {}; trying again): {}", own.location(), holder.expires(),
                        e.getMessage());
            }
        }
    }

    private void lose(String why) {
        lost = true;
        LOG.error("This run no longer holds its session: {}", why);
        renewer.shutdown();
        onLost.run();
    }

    /** Stops renewing and gives the lease back, so the next run of the session need not wait. */
    @Override
    public synchronized void close() {
        renewer.shutdownNow();
        if (!lost) {
            storage.delete(own.location());
            storage.removeIfEmpty(folder);
        }
    }

    /** The lease object this run holds. */
    public Location location() {
        return own.location();
    }

    private record Lease(long number, Location location) {
    }
}
