package dk.munin.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.contract.megadetector.DetectionStop;
import dk.munin.contract.stage1.ContainerSettings;
import dk.munin.state.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the detector jar as separate processes with the container's contract (INPUT_URI,
 * OUTPUT_URI, DETECTOR_MODEL, ... in the environment), the way AWS Batch runs the container:
 * each failed or timed-out attempt is retried up to RetryStrategy.Attempts, and the answer is
 * shaped like the job description Step Functions returns for {@code batch:submitJob.sync}.
 *
 * <p>An array job (ArrayProperties.Size N) runs N children, at most
 * {@code maxParallelChildren} at a time, each with AWS_BATCH_JOB_ARRAY_INDEX set as Batch sets
 * it and retried on its own. Unlike Batch, the first child that fails for good stops the
 * others: on one machine the rest would only spend time on a run that has already failed.
 *
 * <p>The model is the configured one or, when none is, the default model, fetched into the
 * model cache before the first job ({@link #prepare}, or else when the job starts).
 *
 * <p>A detector stops itself at its DETECTOR_STOP_AFTER_SECONDS and DETECTOR_STOP_AT ({@link JobLimits}).
 * One that is still running {@code stopMargin} after either (hung on a read, say) is killed, and a
 * finishing run of the same container, told to stop before its first photo, writes its output:
 * the photos the killed one checkpointed are kept, the rest are marked not detected. The
 * detector's own checkpoint logic does that, so the app never reads its checkpoints. Only when
 * the finishing run fails too does the attempt fail.
 */
public class LocalProcessDetector implements DetectorDriver {

    private static final Logger LOG = LoggerFactory.getLogger(LocalProcessDetector.class);
    private static final int STDERR_LINES_KEPT = 20;
    /** How long a cancelled array waits for its children to stop their processes. */
    private static final long CHILDREN_STOP_SECONDS = 30;
    static final String ARRAY_INDEX = ContainerSettings.variable(ContainerSettings.ARRAY_INDEX);

    private final String javaCommand;
    private final String jvmOptions;
    private final Path jar;
    private final LocalModel model;
    /** What {@link #prepare} obtained for the next job, so a run hashes the model once before it starts. */
    private final AtomicReference<DetectorModel> prepared = new AtomicReference<>();
    private final double outputThreshold;
    private final Map<String, String> storageEnvironment;
    private final int maxParallelChildren;
    private final Duration stopMargin;
    private final Clock clock;

    /**
     * @param storageEnvironment  S3 endpoint, region and keys the detector needs to reach the app's storage
     * @param maxParallelChildren how many children of an array job run at once
     * @param stopMargin          how long past its limits a detector may run before it is killed; also how long
     *                            the finishing run after it may take
     */
    public LocalProcessDetector(String javaCommand, String jvmOptions, Path jar, LocalModel model, double outputThreshold,
                                Map<String, String> storageEnvironment, int maxParallelChildren, Duration stopMargin, Clock clock) {
        if (maxParallelChildren < 1) {
            throw new IllegalArgumentException("munin.detect.local.max-parallel-shards must be at least 1, got " + maxParallelChildren);
        }
        this.javaCommand = javaCommand;
        this.jvmOptions = jvmOptions;
        this.jar = jar;
        this.model = model;
        this.outputThreshold = outputThreshold;
        this.storageEnvironment = Map.copyOf(storageEnvironment);
        this.maxParallelChildren = maxParallelChildren;
        this.stopMargin = stopMargin;
        this.clock = clock;
    }

    @Override
    public void checkConfigured() {
        model.checkUsableLocally();
        if (!Files.isReadable(jar)) {
            throw new DetectorNotConfigured("The detector program " + jar.toAbsolutePath()
                    + " is missing: build it with `make build` (munin.detect.jar)");
        }
    }

    /** Checks as {@link #checkConfigured} does, then gets the model onto this machine (the default is downloaded once). */
    @Override
    public void prepare(DownloadProgress progress) {
        checkConfigured();
        prepared.set(model.obtain(progress));
    }

    @Override
    public ObjectNode submitJob(JsonNode parameters) {
        checkConfigured();
        JobRequest request = JobRequest.from(parameters);
        request.env(ContainerSettings.variable(ContainerSettings.INPUT_URI));
        request.env(ContainerSettings.variable(ContainerSettings.OUTPUT_URI));
        DetectorModel jobModel = Optional.ofNullable(prepared.getAndSet(null))
                .orElseGet(() -> model.obtain(line -> LOG.info("{}", line)));
        String jobId = UUID.randomUUID().toString();
        Instant created = clock.instant();
        if (!request.isArray()) {
            List<ObjectNode> attempts = new Child(request, null, jobModel).run();
            ObjectNode job = LocalJobDescription.succeeded(jobId, request, "Essential container in task exited", created, clock.instant());
            return LocalJobDescription.withAttempts(job, attempts);
        }
        runArray(request, jobModel);
        ObjectNode job = LocalJobDescription.succeeded(jobId, request, "All " + request.arraySize() + " child jobs succeeded",
                created, clock.instant());
        return LocalJobDescription.withArray(job, request.arraySize(), request.arraySize());
    }

    private void runArray(JobRequest request, DetectorModel jobModel) {
        int size = request.arraySize();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(size, maxParallelChildren), childThreads());
        CompletionService<Integer> children = new ExecutorCompletionService<>(pool);
        LOG.info("Running the detector as an array of {} children, at most {} at a time", size, Math.min(size, maxParallelChildren));
        try {
            for (int index = 0; index < size; index++) {
                int child = index;
                children.submit(() -> {
                    new Child(request, child, jobModel).run();
                    return child;
                });
            }
            for (int done = 1; done <= size; done++) {
                int child = children.take().get();
                LOG.info("Detector child {} of {} succeeded ({} of {} done)", child, size, done, size);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DetectorFailed failed) {
                throw new DetectorFailed("Array job of " + size + " children failed: " + failed.getMessage());
            }
            throw new IllegalStateException("A detector child stopped unexpectedly: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            stopChildren(pool);
            Thread.currentThread().interrupt();
            throw new DetectorFailed("The run was cancelled while the detector array job was running; its processes were stopped");
        } finally {
            stopChildren(pool);
        }
    }

    /** Interrupts the children, which stop their processes, and waits for them to do so. */
    private static void stopChildren(ExecutorService pool) {
        pool.shutdownNow();
        boolean interrupted = Thread.interrupted();
        try {
            if (!pool.awaitTermination(CHILDREN_STOP_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Some detector children did not stop within {} s", CHILDREN_STOP_SECONDS);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ThreadFactory childThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "detector-child-" + count.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One container of the job: the whole job, or one child of an array (index not null). */
    private final class Child {

        private final JobRequest request;
        private final Integer index;
        private final DetectorModel jobModel;

        Child(JobRequest request, Integer index, DetectorModel jobModel) {
            this.request = request;
            this.index = index;
            this.jobModel = jobModel;
        }

        /** The attempts' descriptions once an attempt succeeded; DetectorFailed after the last attempt failed. */
        List<ObjectNode> run() {
            List<ObjectNode> attempts = new ArrayList<>();
            String lastError = null;
            for (int attempt = 1; attempt <= request.attempts(); attempt++) {
                AttemptResult result = runAttempt();
                attempts.add(result.describe());
                if (result.succeeded()) {
                    return attempts;
                }
                lastError = result.reason();
                LOG.warn("Detector {}attempt {} of {} failed: {}", label(), attempt, request.attempts(), lastError);
            }
            throw new DetectorFailed("The detector " + label() + "failed after " + request.attempts()
                    + " attempt(s); last error: " + lastError);
        }

        private String label() {
            return index == null ? "" : "child " + index + " ";
        }

        private AttemptResult runAttempt() {
            Instant started = clock.instant();
            Process process = start(request.environment());
            Deque<String> lastLines = new ArrayDeque<>();
            Thread forwarder = forwardStderr(process, lastLines, index == null ? "detector" : "detector[" + index + "]");
            try {
                JobLimits limits = JobLimits.of(request);
                Instant killAt = limits.killAt(started, stopMargin);
                Duration untilKill = killAt == null ? null : Duration.between(clock.instant(), killAt);
                Duration untilTimeout = request.attemptDurationSeconds() > 0 ? Duration.ofSeconds(request.attemptDurationSeconds()) : null;
                boolean limitsFirst = untilKill != null && (untilTimeout == null || untilKill.compareTo(untilTimeout) < 0);
                if (!finishesWithin(process, limitsFirst ? untilKill : untilTimeout)) {
                    stop(process);
                    forwarder.join();
                    if (limitsFirst) {
                        return finishAfterKill(started, limits.reasonFor(started));
                    }
                    return new AttemptResult(started, clock.instant(), null,
                            "Job attempt duration exceeded timeout of " + request.attemptDurationSeconds() + " s (max_job_duration)");
                }
                forwarder.join();
                int exit = process.exitValue();
                String reason = exit == 0 ? null : "exit code " + exit + ": " + lastLine(lastLines);
                return new AttemptResult(started, clock.instant(), exit, reason);
            } catch (InterruptedException e) {
                stop(process);
                Thread.currentThread().interrupt();
                throw new DetectorFailed("The run was cancelled while the detector was running; the detector process was stopped");
            }
        }

        /**
         * The detector ran past its limit and was killed: a finishing run writes the output it did not,
         * from its checkpoints, as the detector would have at the limit.
         */
        private AttemptResult finishAfterKill(Instant started, DetectionStop reason) throws InterruptedException {
            String overran = "still running " + stopMargin.toSeconds() + " s (munin.detect.stop-margin-seconds) after "
                    + (reason == DetectionStop.BUDGET ? "its budget (" + JobLimits.STOP_AFTER_SECONDS + ")" : JobLimits.STOP_AT);
            LOG.warn("Detector {}was {}: killed; a finishing run writes its output from its checkpoints", label(), overran);
            Process finishing = start(JobLimits.finishing(request.environment(), reason));
            Deque<String> lastLines = new ArrayDeque<>();
            Thread forwarder = forwardStderr(finishing, lastLines, (index == null ? "detector" : "detector[" + index + "]") + " finishing");
            if (!finishesWithin(finishing, stopMargin)) {
                stop(finishing);
                forwarder.join();
                return new AttemptResult(started, clock.instant(), null, "killed " + overran
                        + ", and the finishing run did not end within " + stopMargin.toSeconds() + " s either");
            }
            forwarder.join();
            int exit = finishing.exitValue();
            String failed = exit == 0 ? null : "killed " + overran + ", and the finishing run failed: exit code " + exit + ": " + lastLine(lastLines);
            return new AttemptResult(started, clock.instant(), exit, failed, "killed " + overran + "; a finishing run wrote its output");
        }

        private Process start(Map<String, String> jobEnvironment) {
            List<String> command = new ArrayList<>();
            command.add(javaCommand);
            if (!jvmOptions.isBlank()) {
                command.addAll(List.of(jvmOptions.trim().split("\\s+")));
            }
            command.add("-jar");
            command.add(jar.toString());
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            Map<String, String> env = builder.environment();
            env.putAll(storageEnvironment);
            env.putAll(jobEnvironment);
            env.putAll(jobModel.environment());
            env.put(ContainerSettings.variable(ContainerSettings.OUTPUT_THRESHOLD), String.valueOf(outputThreshold));
            env.put(ContainerSettings.variable(ContainerSettings.EXIT_WITH_LAUNCHER), "true");
            if (index != null) {
                env.put(ARRAY_INDEX, String.valueOf(index));
            }
            try {
                return builder.start();
            } catch (IOException e) {
                throw new DetectorNotConfigured("Cannot start the detector with '" + javaCommand + "' (munin.detect.java): " + e.getMessage());
            }
        }
    }

    /** Kills the process and waits for it to be gone, even when the thread was interrupted (which is kept). */
    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        boolean interrupted = Thread.interrupted();
        try {
            process.waitFor(CHILDREN_STOP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @param limit null: as long as it takes (no Timeout.AttemptDurationSeconds and no stop limits) */
    private static boolean finishesWithin(Process process, Duration limit) throws InterruptedException {
        if (limit != null) {
            return process.waitFor(Math.max(0, limit.toMillis()), TimeUnit.MILLISECONDS);
        }
        process.waitFor();
        return true;
    }

    /** Shows the detector's progress as it happens and keeps its last lines for the error message. */
    private static Thread forwardStderr(Process process, Deque<String> lastLines, String prefix) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    LOG.info("{}: {}", prefix, line);
                    synchronized (lastLines) {
                        lastLines.addLast(line);
                        if (lastLines.size() > STDERR_LINES_KEPT) {
                            lastLines.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, prefix + "-stderr");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String lastLine(Deque<String> lines) {
        synchronized (lines) {
            return lines.isEmpty() ? "(the detector printed nothing)" : lines.peekLast();
        }
    }

    /** @param note what happened to an attempt that still succeeded, for its Container.Reason; null when nothing did */
    private record AttemptResult(Instant started, Instant stopped, Integer exitCode, String reason, String note) {

        AttemptResult(Instant started, Instant stopped, Integer exitCode, String reason) {
            this(started, stopped, exitCode, reason, null);
        }

        boolean succeeded() {
            return reason == null;
        }

        ObjectNode describe() {
            ObjectNode attempt = Json.object();
            attempt.put("StartedAt", started.toEpochMilli());
            attempt.put("StoppedAt", stopped.toEpochMilli());
            ObjectNode container = attempt.putObject("Container");
            if (exitCode != null) {
                container.put("ExitCode", exitCode);
            }
            if (reason != null || note != null) {
                container.put("Reason", reason != null ? reason : note);
            }
            return attempt;
        }
    }
}
