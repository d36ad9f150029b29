package dk.munin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.budget.BudgetSettings;
import dk.munin.budget.ConfiguredSpeed;
import dk.munin.budget.CostComponent;
import dk.munin.budget.DetectionSharding;
import dk.munin.budget.PriceTable;
import dk.munin.budget.RunEstimate;
import dk.munin.budget.RunEstimator;
import dk.munin.budget.UsageModel;
import dk.munin.contract.settings.Settings;
import dk.munin.exif.PhotoBatching;
import dk.munin.exif.Stage0Settings;
import dk.munin.manifest.Budget;
import dk.munin.manifest.BudgetMode;
import dk.munin.state.Json;
import dk.munin.state.Stage;
import dk.munin.testing.ApplicationSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The model of a run on AWS at any size (docs/scale.md), from what make bench-scale measured and
 * application.properties' price table and settings: how many invocations, how long, how many state
 * transitions and S3 requests, and what each component costs. The detector's part is the app's own
 * estimate (RunEstimator, as GuardBudget prices a run); Lambda, Step Functions and S3 requests are
 * counted here for the path the run takes, one Stage0Exif invocation or the Distributed Map.
 *
 * @param measured what the benchmarks measured
 * @param settings application.properties (and any overrides)
 */
public record ScaleModel(Measured measured, Settings settings) {

    /** A Lambda JVM with Camel, started without SnapStart: measured locally as the app's start-up, to be confirmed by a deploy. */
    static final double DEFAULT_COLD_START_SECONDS = 6;
    /** Parent states a run enters on the single path (munin.budget.step-functions.transitions-per-run counts them). */
    private static final String TRANSITIONS = "munin.budget.step-functions.transitions-per-run";
    /** ReadPhotoBatches and MergePhotoBatches take Stage0Exif's place: one state more. */
    private static final int MAP_PATH_EXTRA_STATES = 1;
    /** A child workflow execution enters its one Task state and ends: two transitions. */
    static final int TRANSITIONS_PER_CHILD = 2;
    /** S3 lists 1,000 keys a page. Each photo's head is one ranged GET (64 KiB covers a camera's EXIF), the detector's read one more. */
    private static final int LIST_PAGE = 1000;
    /**
     * The manifest's max_job_duration the model assumes: 6 hours, so a million photos at
     * munin.budget.ms-per-frame fit in munin.detect.max-shards shards (the default, 1 hour, would not).
     */
    static final int MAX_JOB_DURATION_SECONDS = 6 * 3600;
    /** ResultWriter: SUCCEEDED_0.json, manifest.json (FAILED only when a batch failed), and MergePhotoBatches reads both. */
    private static final int RESULT_FILES = 2;

    /**
     * @param stage0PhotosPerSecond one Stage0Exif invocation's photos/s at the batch size and head-read concurrency,
     *                              every S3 answer held back by {@code latencyMs} (Stage0LatencyBenchmark)
     * @param latencyMs             that latency
     * @param secondsPerPhoto       per state, from the survey's Distributed Map run (DistributedSurveyBenchmark)
     * @param coldStartSeconds      what a Stage0Exif environment takes to start (SnapStart is off there: its /tmp is above 512 MB)
     */
    public record Measured(double stage0PhotosPerSecond, double latencyMs, Map<String, Double> secondsPerPhoto, double coldStartSeconds) {

        double perPhoto(String state) {
            return secondsPerPhoto.getOrDefault(state, 0.0);
        }
    }

    /** One size of run: the path, counts, wall time and DKK per component. */
    public record Row(int photos, boolean distributed, long batches, long invocations, long transitions, long s3Reads,
                      long s3Writes, double stage0Seconds, double wallSeconds, Map<String, Double> dkk) {

        public double totalDkk() {
            return dkk.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        public double dkkPerThousandPhotos() {
            return totalDkk() / photos * 1000;
        }
    }

    /**
     * Usage: {@code ScaleModel stage0.json survey.json [cold start seconds]}, the files the two benchmarks wrote; prints
     * the model at 1,000, 100,000 and 1,000,000 photos.
     */
    public static void main(String[] args) throws IOException {
        Settings settings = ApplicationSettings.settings();
        JsonNode stage0 = Json.parse(Files.readAllBytes(Path.of(args[0])));
        JsonNode survey = Json.parse(Files.readAllBytes(Path.of(args[1])));
        double coldStart = args.length > 2 ? Double.parseDouble(args[2]) : DEFAULT_COLD_START_SECONDS;
        int batch = settings.integer(PhotoBatching.PHOTOS_PER_BATCH);
        int concurrency = settings.integer(Stage0Settings.READ_CONCURRENCY);
        double photosPerSecond = 0;
        for (JsonNode cell : stage0.path("cells")) {
            if (cell.path("batch").asInt() == batch && cell.path("concurrency").asInt() == concurrency) {
                photosPerSecond = cell.path("photos_per_second").asDouble();
            }
        }
        if (photosPerSecond == 0) {
            throw new IllegalArgumentException(args[0] + " has no cell for " + batch + " photos per batch at concurrency " + concurrency);
        }
        Map<String, Double> perPhoto = new LinkedHashMap<>();
        survey.path("seconds_per_photo").fields().forEachRemaining(state -> perPhoto.put(state.getKey(), state.getValue().asDouble()));
        ScaleModel model = new ScaleModel(new Measured(photosPerSecond, stage0.path("latency_ms").asDouble(), perPhoto, coldStart), settings);
        System.out.printf(Locale.ROOT, "Model of a run on AWS (docs/scale.md): Stage-0 at %.1f photos/s per invocation (%,d per batch, %d head"
                        + " reads at once, %.0f ms per S3 answer), %.0f s cold start, the other stages' seconds per photo from the %,d-photo survey,"
                        + " the detector at munin.budget.ms-per-frame, max_job_duration %d h, prices of %s%n", photosPerSecond, batch, concurrency,
                stage0.path("latency_ms").asDouble(), coldStart, survey.path("photos").asInt(), MAX_JOB_DURATION_SECONDS / 3600,
                settings.text("munin.price.region"));
        System.out.print(model.table(1_000, 100_000, 1_000_000));
    }

    public Row at(int photos) {
        BudgetSettings budget = BudgetSettings.from(settings);
        PhotoBatching batching = new PhotoBatching(settings.integer(PhotoBatching.FROM_PHOTOS), settings.integer(PhotoBatching.PHOTOS_PER_BATCH),
                settings.integer(PhotoBatching.MAX_CONCURRENCY), settings.decimal(PhotoBatching.TOLERATED_FAILURE_PERCENTAGE));
        PriceTable prices = budget.prices();
        UsageModel usage = budget.usage();
        RunEstimate detector = estimator(budget).estimate(photos, new Budget(1e9, BudgetMode.HYBRID, Integer.MAX_VALUE, photos, true),
                MAX_JOB_DURATION_SECONDS);
        boolean distributed = photos >= batching.fromPhotos();
        long batches = distributed ? (photos + batching.photosPerBatch() - 1L) / batching.photosPerBatch() : 0;

        double stage0Memory = gb(usage, Stage.STAGE0_EXIF);
        double batchSeconds = Math.min(photos, batching.photosPerBatch()) / measured.stage0PhotosPerSecond() + measured.coldStartSeconds();
        double stage0GbSeconds;
        double stage0Wall;
        if (distributed) {
            double merge = photos * measured.perPhoto("MergePhotoBatches");
            stage0GbSeconds = (batches * batchSeconds + merge) * stage0Memory;
            stage0Wall = Math.ceil((double) batches / batching.maxConcurrency()) * batchSeconds + merge;
        } else {
            double whole = photos / measured.stage0PhotosPerSecond() + measured.coldStartSeconds();
            stage0GbSeconds = whole * stage0Memory;
            stage0Wall = whole;
        }
        double otherGbSeconds = 0;
        double otherWall = 0;
        for (Stage stage : new Stage[]{Stage.GUARD_BUDGET, Stage.COST_ESTIMATION, Stage.MERGE_DETECTIONS, Stage.STAGE2_POST,
                Stage.WEATHER_ENRICHMENT, Stage.WRITE_PARQUET}) {
            double fixed = usage.stages().stream().filter(s -> s.stage() == stage).findFirst().orElseThrow().secondsPerInvocation();
            double seconds = fixed + photos * measured.perPhoto(stage.stateName());
            if (stage == Stage.GUARD_BUDGET) {
                seconds += Math.ceil((double) photos / LIST_PAGE) * measured.latencyMs() / 1000; // its listing, a page at a time
            }
            otherGbSeconds += seconds * gb(usage, stage);
            otherWall += seconds;
        }
        long invocations = 7 + batches;
        long transitions = settings.whole(TRANSITIONS) + (distributed ? MAP_PATH_EXTRA_STATES + TRANSITIONS_PER_CHILD * batches : 0);
        long listings = 2 * Math.max(1, (photos + LIST_PAGE - 1L) / LIST_PAGE);
        long s3Reads = 2L * photos + (distributed ? batches + RESULT_FILES : 0);
        long s3Writes = settings.integer("munin.budget.s3.writes-per-run") + listings + (distributed ? batches + RESULT_FILES : 0);
        double detectorWall = detector.detection().estimatedHours() * 3600 / detector.shards() + budget.startupSeconds();

        Map<String, Double> dkk = new LinkedHashMap<>();
        dkk.put(CostComponent.DETECTOR.jsonName(), detector.breakdown().dkk(CostComponent.DETECTOR.jsonName()));
        dkk.put(CostComponent.DETECTOR_START.jsonName(), detector.breakdown().dkk(CostComponent.DETECTOR_START.jsonName()));
        dkk.put(CostComponent.LAMBDA_DURATION.jsonName(), (stage0GbSeconds + otherGbSeconds) * prices.lambdaGbSecond());
        dkk.put(CostComponent.LAMBDA_REQUESTS.jsonName(), invocations * prices.lambdaRequest());
        dkk.put(CostComponent.STEP_FUNCTIONS.jsonName(), transitions * prices.stateTransition());
        dkk.put(CostComponent.S3_READS.jsonName(), s3Reads * prices.s3Read());
        dkk.put(CostComponent.S3_WRITES.jsonName(), s3Writes * prices.s3Write());
        for (CostComponent kept : new CostComponent[]{CostComponent.S3_STORAGE, CostComponent.TRANSFER_OUT, CostComponent.LOGS}) {
            dkk.put(kept.jsonName(), detector.breakdown().dkk(kept.jsonName()));
        }
        return new Row(photos, distributed, batches, invocations, transitions, s3Reads, s3Writes, stage0Wall,
                stage0Wall + otherWall + detectorWall, dkk);
    }

    private RunEstimator estimator(BudgetSettings budget) {
        return new RunEstimator(new ConfiguredSpeed(budget.msPerFrame(), budget.startupSeconds(), "c5.xlarge",
                "munin.budget.ms-per-frame, as GuardBudget prices a run on AWS Batch"), budget.instance(), budget.pricing(), budget.usage(),
                new DetectionSharding(settings.integer("munin.detect.max-shards"), settings.decimal("munin.detect.shard-safety-fraction")),
                budget.detectorAttempts(), new RunEstimator.Where(true, 4));
    }

    private static double gb(UsageModel usage, Stage stage) {
        return usage.memoryMb(stage.stateName()).orElseThrow() / 1024.0;
    }

    /** The table make bench-scale prints. */
    public String table(int... sizes) {
        StringBuilder out = new StringBuilder();
        Row[] rows = new Row[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            rows[i] = at(sizes[i]);
        }
        line(out, "photos", rows, row -> String.format(Locale.ROOT, "%,d", row.photos()));
        line(out, "Stage-0 path", rows, row -> row.distributed() ? "Distributed Map" : "one invocation");
        line(out, "Stage-0 batches", rows, row -> String.format(Locale.ROOT, "%,d", row.batches()));
        line(out, "Lambda invocations", rows, row -> String.format(Locale.ROOT, "%,d", row.invocations()));
        line(out, "state transitions", rows, row -> String.format(Locale.ROOT, "%,d", row.transitions()));
        line(out, "S3 GETs / PUTs+LISTs", rows, row -> String.format(Locale.ROOT, "%,d / %,d", row.s3Reads(), row.s3Writes()));
        line(out, "Stage-0 wall time", rows, row -> String.format(Locale.ROOT, "%.1f min", row.stage0Seconds() / 60));
        line(out, "wall time", rows, row -> String.format(Locale.ROOT, "%.1f min", row.wallSeconds() / 60));
        for (String component : rows[0].dkk().keySet()) {
            line(out, component + " (DKK)", rows, row -> String.format(Locale.ROOT, "%.4f", row.dkk().get(component)));
        }
        line(out, "total (DKK)", rows, row -> String.format(Locale.ROOT, "%.2f", row.totalDkk()));
        line(out, "DKK per 1,000 photos", rows, row -> String.format(Locale.ROOT, "%.4f", row.dkkPerThousandPhotos()));
        return out.toString();
    }

    private static void line(StringBuilder out, String label, Row[] rows, Function<Row, String> cell) {
        out.append(String.format(Locale.ROOT, "  %-24s", label));
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "%20s", cell.apply(row)));
        }
        out.append('\n');
    }
}
