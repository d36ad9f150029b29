package dk.munin.exif;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Maps items on a bounded number of threads and hands the results on in the items' order.
 * The calling thread pulls the items (the listing) and consumes the results (writing
 * images.jsonl); at most {@code concurrency x IN_FLIGHT_PER_THREAD} items are in flight, so
 * memory stays flat however long the listing is.
 */
final class InOrder {

    /** Enough queued work that no thread idles while the caller lists or writes. */
    private static final int IN_FLIGHT_PER_THREAD = 4;

    private InOrder() {
    }

    static <T, R> void map(Iterator<T> items, int concurrency, Function<T, R> work, Consumer<R> sink) {
        if (concurrency <= 1) {
            items.forEachRemaining(item -> sink.accept(work.apply(item)));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, daemonThreads());
        try {
            Deque<Future<R>> inFlight = new ArrayDeque<>();
            int window = concurrency * IN_FLIGHT_PER_THREAD;
            while (items.hasNext()) {
                T item = items.next();
                inFlight.add(pool.submit(() -> work.apply(item)));
                if (inFlight.size() >= window) {
                    sink.accept(await(inFlight.poll()));
                }
            }
            while (!inFlight.isEmpty()) {
                sink.accept(await(inFlight.poll()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <R> R await(Future<R> result) {
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Stage-0 was interrupted", e);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "munin-stage0-read-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
