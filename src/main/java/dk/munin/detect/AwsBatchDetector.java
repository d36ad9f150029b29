package dk.munin.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.clock.Sleeper;
import dk.munin.contract.megadetector.DetectionStop;
import dk.munin.contract.stage1.ContainerSettings;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.AttemptDetail;
import software.amazon.awssdk.services.batch.model.ContainerDetail;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.batch.model.KeyValuePair;
import software.amazon.awssdk.services.batch.model.SubmitJobRequest;
import software.amazon.awssdk.services.batch.model.SubmitJobResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code munin.detect.mode=aws-batch}: runs the detection job on AWS Batch from a local run, as
 * Step Functions' {@code batch:submitJob.sync} does on AWS. SubmitJob with the task's
 * parameters (queue, job definition, environment, retry strategy, timeout, array size), then
 * DescribeJobs with growing pauses until the job SUCCEEDED (its description, PascalCase, is the
 * answer) or FAILED (DetectorFailed with Batch's reasons). The job is terminated when the run
 * is cancelled (the thread is interrupted) and when it outlives its own time limit by the
 * configured margin.
 *
 * <p>A container stops itself at DETECTOR_STOP_AFTER_SECONDS and DETECTOR_STOP_AT ({@link JobLimits}).
 * One still running {@code stopMargin} after stop_at cannot count (hung, or still queued for an
 * instance): the job is terminated, the shard files its containers never wrote are written with
 * their photos not detected ({@link UnwrittenShards}), and the answer is the job's description,
 * so MergeDetections joins what was detected and the run ends BudgetExhausted. The budget limit
 * is left to the containers: only they know when they started. What only AWS can show: that a
 * terminated child's file is not written after all by the container on its way down (its put
 * would replace this one with real results, which is no harm), and on Step Functions, where
 * batch:submitJob.sync waits for Batch, no driver steps in: a hung container runs until
 * max_job_duration and the run goes to FailDetection.
 *
 * <p>The model and the output threshold from application.properties go into the container
 * overrides, so a local aws-batch run uses the same settings as a local-process run; on Step
 * Functions the job definition supplies them.
 */
public class AwsBatchDetector implements DetectorDriver {

    private static final Logger LOG = LoggerFactory.getLogger(AwsBatchDetector.class);
    /** DescribeJobs takes at most this many job ids per call. */
    private static final int DESCRIBE_LIMIT = 100;
    static final String SUCCEEDED = "SUCCEEDED";
    static final String FAILED = "FAILED";
    static final String CANCEL_REASON = "Munin run cancelled";

    private final BatchClient batch;
    private final DetectorModel model;
    private final double outputThreshold;
    private final BatchPolling polling;
    private final ObjectStore store;
    private final Duration stopMargin;
    private final Sleeper sleeper;
    private final Clock clock;

    /**
     * @param store      reads the photo list and writes the files of containers stopped at stop_at
     * @param stopMargin munin.detect.stop-margin-seconds: how long after stop_at a job may still run
     */
    public AwsBatchDetector(BatchClient batch, DetectorModel model, double outputThreshold, BatchPolling polling,
                            ObjectStore store, Duration stopMargin, Sleeper sleeper, Clock clock) {
        this.batch = batch;
        this.model = model;
        this.outputThreshold = outputThreshold;
        this.polling = polling;
        this.store = store;
        this.stopMargin = stopMargin;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    @Override
    public void checkConfigured() {
        model.checkUsableRemotely();
    }

    @Override
    public ObjectNode submitJob(JsonNode parameters) {
        checkConfigured();
        JobRequest request = JobRequest.from(parameters);
        requireS3(request, ContainerSettings.variable(ContainerSettings.INPUT_URI));
        requireS3(request, ContainerSettings.variable(ContainerSettings.OUTPUT_URI));
        Instant submittedAt = clock.instant();
        SubmitJobResponse submitted;
        try {
            submitted = batch.submitJob(submitRequest(request));
        } catch (SdkException e) {
            throw new DetectorFailed("AWS Batch did not accept the detection job " + request.jobName() + " for queue "
                    + request.jobQueue() + " and job definition " + request.jobDefinition() + ": " + e.getMessage());
        }
        LOG.info("Submitted AWS Batch job {} ({}){} to {}", submitted.jobName(), submitted.jobId(),
                request.isArray() ? " as an array of " + request.arraySize() : "", request.jobQueue());
        return new Watch(request, submitted.jobId(), submittedAt).untilDone();
    }

    /** A container on AWS reads and writes S3; a folder on this machine would fail the job only after it was queued and paid for. */
    private static void requireS3(JobRequest request, String variable) {
        String uri = request.env(variable);
        if (!uri.startsWith("s3://")) {
            throw new DetectorNotConfigured("munin.detect.mode is aws-batch, but the job's " + variable + " is " + uri
                    + ", which an AWS Batch container cannot reach: give input_uri and output_uri as s3:// locations");
        }
    }

    private SubmitJobRequest submitRequest(JobRequest request) {
        Map<String, String> environment = new LinkedHashMap<>(model.environment());
        environment.put(ContainerSettings.variable(ContainerSettings.OUTPUT_THRESHOLD), String.valueOf(outputThreshold));
        environment.putAll(request.environment());
        List<KeyValuePair> variables = new ArrayList<>();
        environment.forEach((name, value) -> variables.add(KeyValuePair.builder().name(name).value(value).build()));
        SubmitJobRequest.Builder submit = SubmitJobRequest.builder()
                .jobName(request.jobName())
                .jobQueue(request.jobQueue())
                .jobDefinition(request.jobDefinition())
                .containerOverrides(overrides -> overrides.environment(variables))
                .retryStrategy(retry -> retry.attempts(request.attempts()));
        if (request.attemptDurationSeconds() > 0) {
            submit.timeout(timeout -> timeout.attemptDurationSeconds(request.attemptDurationSeconds()));
        }
        if (request.isArray()) {
            submit.arrayProperties(array -> array.size(request.arraySize()));
        }
        return submit.build();
    }

    /** Following one submitted job to its end. */
    private final class Watch {

        private final JobRequest request;
        private final String jobId;
        private final Instant submittedAt;
        private final Duration deadline;
        private final Instant stopAt;
        private String lastStatus = "SUBMITTED";
        private Map<String, Integer> lastSummary = Map.of();

        Watch(JobRequest request, String jobId, Instant submittedAt) {
            this.request = request;
            this.jobId = jobId;
            this.submittedAt = submittedAt;
            this.deadline = polling.deadline(request);
            this.stopAt = JobLimits.of(request).stopAt();
        }

        ObjectNode untilDone() {
            Duration pause = polling.firstInterval();
            while (true) {
                try {
                    sleeper.sleep(pause);
                } catch (InterruptedException e) {
                    throw cancelled();
                }
                JobDetail job = describe();
                if (Thread.currentThread().isInterrupted()) {
                    throw cancelled();
                }
                if (job != null) {
                    report(job);
                    if (SUCCEEDED.equals(job.statusAsString())) {
                        return SdkJson.pascalCase(job);
                    }
                    if (FAILED.equals(job.statusAsString())) {
                        throw new DetectorFailed(failure(job));
                    }
                }
                if (deadline != null && Duration.between(submittedAt, clock.instant()).compareTo(deadline) > 0) {
                    throw outlived();
                }
                if (stopAt != null && clock.instant().isAfter(stopAt.plus(stopMargin))) {
                    return stoppedAtStopAt(job);
                }
                pause = polling.next(pause);
            }
        }

        /** The job's detail, or null when DescribeJobs failed this time (the SDK has retried already; the next poll tries again). */
        private JobDetail describe() {
            try {
                List<JobDetail> jobs = batch.describeJobs(describe -> describe.jobs(jobId)).jobs();
                if (jobs.isEmpty()) {
                    throw new DetectorFailed("AWS Batch no longer knows the detection job " + jobId);
                }
                return jobs.get(0);
            } catch (SdkException e) {
                if (e instanceof AbortedException || Thread.currentThread().isInterrupted()) {
                    throw cancelled();
                }
                LOG.warn("DescribeJobs for {} failed, trying again at the next poll: {}", jobId, e.getMessage());
                return null;
            }
        }

        private void report(JobDetail job) {
            String status = job.statusAsString();
            if (!status.equals(lastStatus)) {
                LOG.info("AWS Batch job {} ({}): {} -> {}{}", job.jobName(), jobId, lastStatus, status,
                        job.statusReason() == null ? "" : " (" + job.statusReason() + ")");
                lastStatus = status;
            }
            if (job.arrayProperties() != null && job.arrayProperties().hasStatusSummary()) {
                Map<String, Integer> summary = new TreeMap<>(job.arrayProperties().statusSummary());
                if (!summary.equals(lastSummary)) {
                    LOG.info("AWS Batch array job {}: children {}", jobId, nonZero(summary));
                    lastSummary = summary;
                }
            }
        }

        /** Batch's reasons, most specific first: the job's, its last attempt's container, the first failed child's. */
        private String failure(JobDetail job) {
            StringBuilder message = new StringBuilder("AWS Batch job " + job.jobName() + " (" + jobId + ") FAILED");
            if (job.statusReason() != null) {
                message.append(": ").append(job.statusReason());
            }
            message.append(containerFailure(job));
            if (job.arrayProperties() != null && job.arrayProperties().hasStatusSummary()) {
                message.append("; children ").append(nonZero(new TreeMap<>(job.arrayProperties().statusSummary())));
                JobDetail child = firstFailedChild(job.arrayProperties().size());
                if (child != null) {
                    message.append("; first failed child ").append(child.jobId()).append(": ")
                            .append(Objects.requireNonNullElse(child.statusReason(), "no reason given"))
                            .append(containerFailure(child));
                }
            }
            return message.toString();
        }

        private static String containerFailure(JobDetail job) {
            ContainerDetail container = job.container();
            Integer exitCode = container == null ? null : container.exitCode();
            String reason = container == null ? null : container.reason();
            String logStream = container == null ? null : container.logStreamName();
            if (job.hasAttempts() && !job.attempts().isEmpty()) {
                AttemptDetail last = job.attempts().get(job.attempts().size() - 1);
                if (last.container() != null) {
                    exitCode = firstKnown(last.container().exitCode(), exitCode);
                    reason = firstKnown(last.container().reason(), reason);
                    logStream = firstKnown(last.container().logStreamName(), logStream);
                }
            }
            StringBuilder text = new StringBuilder();
            if (exitCode != null) {
                text.append("; exit code ").append(exitCode);
            }
            if (reason != null) {
                text.append("; container: ").append(reason);
            }
            if (logStream != null) {
                text.append("; log stream ").append(logStream);
            }
            return text.toString();
        }

        /** Children of an array are described by id {@code <parent>:<index>}, up to 100 per call. */
        private JobDetail firstFailedChild(Integer size) {
            if (size == null) {
                return null;
            }
            try {
                for (int from = 0; from < size; from += DESCRIBE_LIMIT) {
                    List<String> ids = new ArrayList<>();
                    for (int index = from; index < Math.min(size, from + DESCRIBE_LIMIT); index++) {
                        ids.add(jobId + ":" + index);
                    }
                    for (JobDetail child : batch.describeJobs(describe -> describe.jobs(ids)).jobs()) {
                        if (FAILED.equals(child.statusAsString())) {
                            return child;
                        }
                    }
                }
            } catch (SdkException e) {
                LOG.warn("Could not describe the children of array job {}: {}", jobId, e.getMessage());
            }
            return null;
        }

        /** Terminates the job, writes the files its containers did not, and answers with its last description. */
        private ObjectNode stoppedAtStopAt(JobDetail job) {
            String reason = "Munin: still " + lastStatus + " " + stopMargin.toSeconds() + " s (munin.detect.stop-margin-seconds) after "
                    + JobLimits.STOP_AT + " " + stopAt + " (max_runtime_min)";
            terminate(reason);
            String detector = model.environment().getOrDefault(ContainerSettings.variable(ContainerSettings.MODEL), "");
            List<Location> written = UnwrittenShards.markNotDetected(store, request, DetectionStop.MAX_RUNTIME,
                    detector.substring(detector.lastIndexOf('/') + 1), clock.instant());
            LOG.warn("AWS Batch job {} ({}) was stopped at max_runtime_min; {} file(s) its containers did not write mark their photos "
                    + "not detected: {}", request.jobName(), jobId, written.size(), written);
            ObjectNode answer = job == null ? SdkJson.pascalCase(JobDetail.builder().jobId(jobId).jobName(request.jobName())
                    .status(lastStatus).build()) : SdkJson.pascalCase(job);
            return answer.put("StatusReason", reason);
        }

        private DetectorFailed outlived() {
            String limit = request.attempts() + " x " + request.attemptDurationSeconds() + " s (max_job_duration) + "
                    + polling.deadlineMargin().toSeconds() + " s margin";
            terminate("Munin gave up waiting after " + limit);
            return new DetectorFailed("AWS Batch job " + request.jobName() + " (" + jobId + ") was still " + lastStatus
                    + " after " + limit + "; Munin terminated it");
        }

        /**
         * The run was cancelled. The interrupt status is cleared for the TerminateJob call (the SDK
         * refuses to send a request from an interrupted thread) and set again afterwards, so the
         * workflow sees the cancellation too.
         */
        private DetectorFailed cancelled() {
            Thread.interrupted();
            try {
                boolean terminated = terminate(CANCEL_REASON);
                return new DetectorFailed("The run was cancelled; AWS Batch job " + request.jobName() + " (" + jobId + ") "
                        + (terminated ? "was terminated" : "could NOT be terminated: terminate it with `aws batch terminate-job --job-id "
                        + jobId + " --reason cancelled`"));
            } finally {
                Thread.currentThread().interrupt();
            }
        }

        private boolean terminate(String reason) {
            try {
                batch.terminateJob(terminate -> terminate.jobId(jobId).reason(reason));
                LOG.warn("Terminated AWS Batch job {} ({}): {}", request.jobName(), jobId, reason);
                return true;
            } catch (SdkException e) {
                LOG.error("TerminateJob for AWS Batch job {} failed: {}", jobId, e.getMessage());
                return false;
            }
        }
    }

    private static <T> T firstKnown(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    private static Map<String, Integer> nonZero(Map<String, Integer> summary) {
        Map<String, Integer> shown = new TreeMap<>();
        summary.forEach((status, count) -> {
            if (count != null && count > 0) {
                shown.put(status, count);
            }
        });
        return shown;
    }
}
