package dk.munin.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Runs the detector jar as a separate process with the container's contract (INPUT_URI and
 * OUTPUT_URI in the environment), the way an AWS Batch job runs the container: a failed or
 * timed-out attempt is retried up to RetryStrategy.Attempts, and the answer is shaped like
 * the job description Step Functions returns for {@code batch:submitJob.sync}.
 */
public class LocalProcessDetector {

    private static final Logger LOG = LoggerFactory.getLogger(LocalProcessDetector.class);
    private static final int STDERR_LINES_KEPT = 20;

    private final String javaCommand;
    private final String jvmOptions;
    private final Path jar;
    private final String model;
    private final double outputThreshold;
    private final Map<String, String> storageEnvironment;
    private final Clock clock;

    public LocalProcessDetector(String javaCommand, String jvmOptions, Path jar, String model, double outputThreshold,
                                Map<String, String> storageEnvironment, Clock clock) {
        this.javaCommand = javaCommand;
        this.jvmOptions = jvmOptions;
        this.jar = jar;
        this.model = model == null ? "" : model.trim();
        this.outputThreshold = outputThreshold;
        this.storageEnvironment = Map.copyOf(storageEnvironment);
        this.clock = clock;
    }

    /** Fails before a run starts when the detector could not start anyway. */
    public void checkConfigured() {
        if (model.isEmpty()) {
            throw new DetectorNotConfigured("No detector model is configured. Give an ONNX model with "
                    + "`make run MODEL=path/to/model.onnx`, or set munin.detect.model in application.properties "
                    + "(or -Dmunin.detect.model=...). A small COCO model for trying Munin: ../shared/data/models/fastestdet/FastestDet.onnx");
        }
        if (!Files.isReadable(Path.of(model))) {
            throw new DetectorNotConfigured("The detector model " + Path.of(model).toAbsolutePath()
                    + " does not exist or cannot be read (munin.detect.model / MODEL=)");
        }
        if (!Files.isReadable(jar)) {
            throw new DetectorNotConfigured("The detector program " + jar.toAbsolutePath()
                    + " is missing: build it with `make build` (munin.detect.jar)");
        }
    }

    public ObjectNode submitJob(JsonNode parameters) {
        checkConfigured();
        JobRequest request = JobRequest.from(parameters);
        request.env("INPUT_URI");
        request.env("OUTPUT_URI");
        String jobId = UUID.randomUUID().toString();
        Instant created = clock.instant();
        List<ObjectNode> attempts = new ArrayList<>();
        String lastError = null;
        for (int attempt = 1; attempt <= request.attempts(); attempt++) {
            AttemptResult result = runAttempt(request);
            attempts.add(result.describe());
            if (result.succeeded()) {
                return jobDescription(jobId, request, "SUCCEEDED", "Essential container in task exited", created, attempts);
            }
            lastError = result.reason();
            LOG.warn("Detector attempt {} of {} failed: {}", attempt, request.attempts(), lastError);
        }
        throw new DetectorFailed("The detector failed after " + request.attempts() + " attempt(s); last error: " + lastError);
    }

    private AttemptResult runAttempt(JobRequest request) {
        Instant started = clock.instant();
        Process process = start(request);
        Deque<String> lastLines = new ArrayDeque<>();
        Thread forwarder = forwardStderr(process, lastLines);
        try {
            if (!finishesInTime(process, request.attemptDurationSeconds())) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                forwarder.join();
                return new AttemptResult(started, clock.instant(), null,
                        "Job attempt duration exceeded timeout of " + request.attemptDurationSeconds() + " s (max_job_duration)");
            }
            forwarder.join();
            int exit = process.exitValue();
            String reason = exit == 0 ? null : "exit code " + exit + ": " + lastLine(lastLines);
            return new AttemptResult(started, clock.instant(), exit, reason);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DetectorFailed("The run was cancelled while the detector was running; the detector process was stopped");
        }
    }

    /** Batch's Timeout.AttemptDurationSeconds; 0 means no timeout. */
    private static boolean finishesInTime(Process process, int attemptDurationSeconds) throws InterruptedException {
        if (attemptDurationSeconds > 0) {
            return process.waitFor(attemptDurationSeconds, TimeUnit.SECONDS);
        }
        process.waitFor();
        return true;
    }

    private Process start(JobRequest request) {
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
        env.putAll(request.environment());
        env.put("DETECTOR_MODEL", model);
        env.put("DETECTOR_OUTPUT_THRESHOLD", String.valueOf(outputThreshold));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new DetectorNotConfigured("Cannot start the detector with '" + javaCommand + "' (munin.detect.java): " + e.getMessage());
        }
    }

    /** Shows the detector's progress as it happens and keeps its last lines for the error message. */
    private static Thread forwardStderr(Process process, Deque<String> lastLines) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    LOG.info("detector: {}", line);
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
        }, "detector-stderr");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String lastLine(Deque<String> lines) {
        synchronized (lines) {
            return lines.isEmpty() ? "(the detector printed nothing)" : lines.peekLast();
        }
    }

    private static ObjectNode jobDescription(String jobId, JobRequest request, String status, String reason,
                                             Instant created, List<ObjectNode> attempts) {
        ObjectNode job = Json.object();
        job.put("JobId", jobId);
        job.put("JobName", request.jobName());
        job.put("JobQueue", request.jobQueue());
        job.put("JobDefinition", request.jobDefinition());
        job.put("Status", status);
        job.put("StatusReason", reason);
        job.put("CreatedAt", created.toEpochMilli());
        ArrayNode attemptNodes = job.putArray("Attempts");
        attempts.forEach(attemptNodes::add);
        return job;
    }

    private record AttemptResult(Instant started, Instant stopped, Integer exitCode, String reason) {

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
            if (reason != null) {
                container.put("Reason", reason);
            }
            return attempt;
        }
    }
}
