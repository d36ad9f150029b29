package dk.munin.budget;

import dk.munin.contract.settings.Settings;
import dk.munin.state.Stage;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How much a run of so many photos uses besides the detector's time: Lambda, Step Functions,
 * S3, CloudWatch Logs (application.properties, "Budget: the other components"). The figures per
 * stage are measured by {@code make bench-cost} on the embedded pipeline.
 */
public final class UsageModel {

    /** S3 LISTs return at most 1,000 keys a page. */
    private static final int LIST_PAGE = 1000;
    /** S3 Intelligent-Tiering charges its monitoring fee for objects of at least 128 KB. */
    public static final long MONITORED_BYTES = 128 * 1024;
    /** GuardBudget lists the input, and Stage-0 lists it again. */
    private static final int LISTINGS = 2;

    /**
     * One Lambda-hosted stage: munin.budget.lambda.&lt;route id&gt; = memory MB, seconds per invocation, ms per photo.
     */
    public record LambdaStage(Stage stage, int memoryMb, double secondsPerInvocation, double msPerPhoto) {

        double seconds(int photos) {
            return secondsPerInvocation + photos * msPerPhoto / 1000.0;
        }
    }

    private final List<LambdaStage> stages;
    private final long transitionsPerRun;
    private final int readsPerPhoto;
    private final int writesPerRun;
    private final long outputBytesPerPhoto;
    private final int outputObjectsPerRun;
    private final long logBytesPerInvocation;
    private final long logBytesPerPhoto;
    private final MapBatches batches;

    /**
     * Stage-0's Distributed Map (docs/scale.md): a run of at least {@code fromPhotos} photos is read
     * in batches of {@code photosPerBatch}, each one Lambda invocation more and a child execution
     * of two state transitions, with its shard written and read back; the state machine enters one
     * state more (ReadPhotoBatches and MergePhotoBatches for Stage0Exif). A run on local folders is
     * never batched, so the estimate errs on the dear side for it, by cents at most.
     */
    public record MapBatches(int fromPhotos, int photosPerBatch) {

        static final MapBatches NONE = new MapBatches(Integer.MAX_VALUE, 1);
        static final int TRANSITIONS_PER_BATCH = 2;
        /** ResultWriter's SUCCEEDED_0.json and manifest.json, written and read back. */
        static final int RESULT_FILES = 2;

        long of(int photos) {
            return photos < fromPhotos ? 0 : (photos + (long) photosPerBatch - 1) / photosPerBatch;
        }
    }

    public UsageModel(List<LambdaStage> stages, long transitionsPerRun, int readsPerPhoto, int writesPerRun,
                      long outputBytesPerPhoto, int outputObjectsPerRun, long logBytesPerInvocation, long logBytesPerPhoto) {
        this(stages, transitionsPerRun, readsPerPhoto, writesPerRun, outputBytesPerPhoto, outputObjectsPerRun, logBytesPerInvocation,
                logBytesPerPhoto, MapBatches.NONE);
    }

    public UsageModel(List<LambdaStage> stages, long transitionsPerRun, int readsPerPhoto, int writesPerRun,
                      long outputBytesPerPhoto, int outputObjectsPerRun, long logBytesPerInvocation, long logBytesPerPhoto,
                      MapBatches batches) {
        this.stages = List.copyOf(stages);
        this.batches = batches;
        this.transitionsPerRun = transitionsPerRun;
        this.readsPerPhoto = readsPerPhoto;
        this.writesPerRun = writesPerRun;
        this.outputBytesPerPhoto = outputBytesPerPhoto;
        this.outputObjectsPerRun = outputObjectsPerRun;
        this.logBytesPerInvocation = logBytesPerInvocation;
        this.logBytesPerPhoto = logBytesPerPhoto;
    }

    public static UsageModel from(Settings settings) {
        List<LambdaStage> stages = Arrays.stream(Stage.values()).filter(Stage::isLambda)
                .map(stage -> lambdaStage(settings, stage)).toList();
        return new UsageModel(stages, settings.whole("munin.budget.step-functions.transitions-per-run"),
                settings.integer("munin.budget.s3.reads-per-photo"), settings.integer("munin.budget.s3.writes-per-run"),
                settings.whole("munin.budget.s3.output-bytes-per-photo"), settings.integer("munin.budget.s3.output-objects-per-run"),
                settings.whole("munin.budget.logs.bytes-per-invocation"), settings.whole("munin.budget.logs.bytes-per-photo"),
                new MapBatches(settings.integer("munin.stage0.batches.from-photos"), settings.integer("munin.stage0.batches.photos-per-batch")));
    }

    private static LambdaStage lambdaStage(Settings settings, Stage stage) {
        String key = "munin.budget.lambda." + stage.routeId();
        return settings.parsed(key, "memory MB, seconds per invocation, ms per photo (e.g. 1024, 1.5, 0.2)", value -> {
            String[] parts = value.split(",");
            if (parts.length != 3) {
                throw new IllegalArgumentException("three numbers");
            }
            LambdaStage parsed = new LambdaStage(stage, Integer.parseInt(parts[0].trim()), Double.parseDouble(parts[1].trim()),
                    Double.parseDouble(parts[2].trim()));
            if (parsed.memoryMb() < 128 || parsed.secondsPerInvocation() < 0 || parsed.msPerPhoto() < 0) {
                throw new IllegalArgumentException("at least 128 MB and no negative time");
            }
            return parsed;
        });
    }

    public List<LambdaStage> stages() {
        return stages;
    }

    /** The memory of a stage's function, in MB; empty for the Batch job's state. */
    public Optional<Integer> memoryMb(String stateName) {
        return stages.stream().filter(stage -> stage.stage().stateName().equals(stateName)).map(LambdaStage::memoryMb).findFirst();
    }

    /** What CloudWatch Logs ingests: nothing in a run measures it, so the estimate's rule with the run's counts. */
    public double logsGb(long invocations, long photos) {
        return RunPricing.gigabytes(invocations * logBytesPerInvocation + photos * logBytesPerPhoto);
    }

    /** S3 LISTs of the input: GuardBudget's and Stage-0's, a request per 1,000 keys. */
    static long listings(long photos) {
        return LISTINGS * Math.max(1, (photos + LIST_PAGE - 1) / LIST_PAGE);
    }

    /**
     * @param detectorSeconds      the detector's time over all shards, start-up not included
     * @param detectorStartSeconds every shard's start-up, summed
     */
    public RunUsage estimate(int photos, double detectorSeconds, double detectorStartSeconds, int detectorCpus) {
        long mapBatches = batches.of(photos);
        double gbSeconds = 0;
        double seconds = 0;
        for (LambdaStage stage : stages) {
            // each batch's invocation pays the stage's fixed part again; the per-photo part is the same however cut
            double stageSeconds = stage.seconds(photos) + (stage.stage() == Stage.STAGE0_EXIF ? mapBatches * stage.secondsPerInvocation() : 0);
            seconds += stageSeconds;
            gbSeconds += stageSeconds * stage.memoryMb() / 1024.0;
        }
        long outputBytes = photos * outputBytesPerPhoto;
        long monitored = Math.min(outputObjectsPerRun, outputBytes / MONITORED_BYTES);
        long mapFiles = mapBatches == 0 ? 0 : mapBatches + MapBatches.RESULT_FILES;
        long transitions = transitionsPerRun + (mapBatches == 0 ? 0 : 1 + MapBatches.TRANSITIONS_PER_BATCH * mapBatches);
        long invocations = stages.size() + mapBatches;
        return new RunUsage(detectorSeconds, detectorStartSeconds, detectorCpus, gbSeconds, invocations, seconds,
                transitions, (long) photos * readsPerPhoto + mapFiles, writesPerRun + listings(photos) + mapFiles,
                RunPricing.gigabytes(outputBytes), monitored, logsGb(invocations, photos));
    }
}
