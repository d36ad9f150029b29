package dk.munin.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The heap a stretch of code needed, from the JVM's own counters, and the garbage collections
 * in between {@link #start()} and {@link #stop()}:
 * <ul>
 *   <li>the peak of each heap pool since start (reset there), summed: it overstates the heap in
 *       use at any one moment, since the pools (eden, survivor, old) peak at different times, and
 *       can exceed -Xmx when the heap is full;</li>
 *   <li>the heap in use, sampled every {@value #SAMPLE_MILLIS} ms: the most at one moment;</li>
 *   <li>the most heap still in use just after a collection: at most the live data, the figure a
 *       streaming rewrite should hold flat as the survey grows.</li>
 * </ul>
 */
final class HeapMeter {

    private final List<MemoryPoolMXBean> heapPools;
    private final Set<String> heapPoolNames;
    private final List<GarbageCollectorMXBean> collectors;
    private final long[] countsBefore;
    private final long[] millisBefore;
    private final AtomicLong mostAfterCollection = new AtomicLong();
    private final NotificationListener listener = this::collected;
    private final AtomicLong mostSampled = new AtomicLong();
    private final Thread sampler = new Thread(this::sample, "heap-sampler");

    static final int SAMPLE_MILLIS = 10;

    /**
     * @param poolPeaksBytes   the heap pools' peak usage, summed
     * @param sampledPeakBytes the most heap in use at a sample
     * @param mostAfterGcBytes the most heap in use just after a collection; 0 when none ran
     * @param collections      per collector: its name, collections and milliseconds spent
     */
    record Reading(long poolPeaksBytes, long sampledPeakBytes, long mostAfterGcBytes, List<Collections> collections) {

        long totalCount() {
            return collections.stream().mapToLong(Collections::count).sum();
        }

        long totalMillis() {
            return collections.stream().mapToLong(Collections::millis).sum();
        }
    }

    record Collections(String collector, long count, long millis) {
    }

    private HeapMeter() {
        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        heapPoolNames = heapPools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        collectors = ManagementFactory.getGarbageCollectorMXBeans();
        countsBefore = new long[collectors.size()];
        millisBefore = new long[collectors.size()];
    }

    /** Collects the garbage of what ran before, so the peaks are this stretch's own, and starts counting. */
    static HeapMeter start() {
        System.gc();
        HeapMeter meter = new HeapMeter();
        for (int i = 0; i < meter.collectors.size(); i++) {
            GarbageCollectorMXBean collector = meter.collectors.get(i);
            meter.countsBefore[i] = collector.getCollectionCount();
            meter.millisBefore[i] = collector.getCollectionTime();
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(meter.listener, null, null);
            }
        }
        meter.heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        meter.sampler.setDaemon(true);
        meter.sampler.start();
        return meter;
    }

    Reading stop() {
        sampler.interrupt();
        long peak = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        List<Collections> collections = new ArrayList<>();
        for (int i = 0; i < collectors.size(); i++) {
            GarbageCollectorMXBean collector = collectors.get(i);
            collections.add(new Collections(collector.getName(), collector.getCollectionCount() - countsBefore[i],
                    collector.getCollectionTime() - millisBefore[i]));
            if (collector instanceof NotificationEmitter emitter) {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (ListenerNotFoundException alreadyGone) {
                    // nothing to undo
                }
            }
        }
        return new Reading(peak, mostSampled.get(), mostAfterCollection.get(), collections);
    }

    private void sample() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                mostSampled.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException stopped) {
                return;
            } catch (OutOfMemoryError full) {
                // The heap is full, which is the most there is to know; the code being measured reports its own failure.
                mostSampled.set(Runtime.getRuntime().maxMemory());
                return;
            }
        }
    }

    private void collected(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                .filter(pool -> heapPoolNames.contains(pool.getKey()))
                .map(Map.Entry::getValue).mapToLong(MemoryUsage::getUsed).sum();
        mostAfterCollection.accumulateAndGet(used, Math::max);
    }
}
