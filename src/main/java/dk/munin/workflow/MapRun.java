package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a Map state's iterations on a pool of at most {@code threads} threads and gives their
 * outcomes in item order. Inputs are taken from the iterator only when a thread is free, so a
 * listing or an input list is never expanded into child inputs all at once.
 *
 * <p>An Inline Map stops at the first failed iteration and fails with its error; a Distributed
 * Map goes on while its {@link MapTolerance} allows and fails with
 * States.ExceedToleratedFailureThreshold beyond it. Iterations still running when the run stops
 * are interrupted, as Step Functions stops a Map's iterations when the Map fails.
 */
final class MapRun {

    /** One child's input and how many items it carries (more than 1 with an ItemBatcher). */
    record ChildInput(JsonNode input, int items) {
    }

    /** How a child ended, with its input when the caller needs it (ResultWriter's files). */
    record Outcome(ChildInput input, ExecutionResult result) {

        boolean succeeded() {
            return result.succeeded();
        }
    }

    @FunctionalInterface
    interface Child {
        ExecutionResult run(JsonNode input, int index);
    }

    private final String state;
    private final boolean distributed;
    private final MapTolerance tolerance;
    private final boolean keepInputs;
    private final List<Outcome> outcomes = new ArrayList<>();
    private long failedItems;
    private long totalItems;
    private StateError stop;
    private RuntimeException bug;

    MapRun(String state, boolean distributed, MapTolerance tolerance, boolean keepInputs) {
        this.state = state;
        this.distributed = distributed;
        this.tolerance = tolerance;
        this.keepInputs = keepInputs;
    }

    List<Outcome> run(Iterator<ChildInput> inputs, int threads, Child child) throws StateError, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, threadsNamed("asl-map-" + state));
        Semaphore free = new Semaphore(threads);
        try {
            int index = 0;
            while (!stopped() && inputs.hasNext()) {
                free.acquire();
                if (stopped()) {
                    free.release();
                    break;
                }
                ChildInput input = inputs.next();
                int slot = reserve(input);
                int childIndex = index++;
                try {
                    pool.execute(() -> {
                        try {
                            ended(slot, input, child.run(input.input(), childIndex), pool);
                        } catch (RuntimeException e) {
                            failedWithBug(e, pool);
                        } finally {
                            free.release();
                        }
                    });
                } catch (RejectedExecutionException e) {
                    // an iteration failed the run and shut the pool down since the check above
                    free.release();
                    if (!stopped()) {
                        throw e;
                    }
                    break;
                }
            }
            free.acquire(threads);
        } finally {
            pool.shutdownNow();
        }
        return finish();
    }

    private synchronized boolean stopped() {
        return stop != null || bug != null;
    }

    private synchronized int reserve(ChildInput input) {
        totalItems += input.items();
        outcomes.add(null);
        return outcomes.size() - 1;
    }

    private synchronized void ended(int slot, ChildInput input, ExecutionResult result, ExecutorService pool) {
        if (stopped()) {
            return; // interrupted because the run already failed
        }
        outcomes.set(slot, new Outcome(keepInputs ? input : null, result));
        if (result.succeeded()) {
            return;
        }
        failedItems += input.items();
        if (!distributed) {
            stop = new StateError(result.error() == null ? ErrorNames.RUNTIME : result.error(), result.cause());
        } else if (tolerance.exceededByCount(failedItems)) {
            stop = tolerance.error(failedItems, totalItems);
        }
        if (stop != null) {
            pool.shutdownNow();
        }
    }

    private synchronized void failedWithBug(RuntimeException e, ExecutorService pool) {
        if (!stopped()) {
            bug = e;
            pool.shutdownNow();
        }
    }

    private synchronized List<Outcome> finish() throws StateError {
        if (bug != null) {
            throw bug;
        }
        if (stop != null) {
            throw stop;
        }
        if (distributed && tolerance.exceeded(failedItems, totalItems)) {
            throw tolerance.error(failedItems, totalItems);
        }
        return List.copyOf(outcomes);
    }

    private static ThreadFactory threadsNamed(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
