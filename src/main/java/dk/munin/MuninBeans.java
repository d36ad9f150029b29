package dk.munin;

import dk.munin.budget.BudgetSettings;
import dk.munin.budget.CalibratedSpeed;
import dk.munin.budget.CostAccounting;
import dk.munin.budget.CostMetric;
import dk.munin.budget.DetectionBudget;
import dk.munin.budget.DetectionSharding;
import dk.munin.budget.DetectorHost;
import dk.munin.budget.DetectorSpeed;
import dk.munin.budget.DetectorSpeeds;
import dk.munin.budget.RunEstimator;
import dk.munin.clock.Sleeper;
import dk.munin.contract.settings.Settings;
import dk.munin.contract.storage.Storage;
import dk.munin.detect.AwsBatchDetector;
import dk.munin.detect.BatchClients;
import dk.munin.detect.DefaultModel;
import dk.munin.detect.DetectSettings;
import dk.munin.detect.DetectionMode;
import dk.munin.detect.DetectorDriver;
import dk.munin.detect.DetectorModel;
import dk.munin.detect.LocalModel;
import dk.munin.detect.LocalProcessDetector;
import dk.munin.detect.PrecomputedDetections;
import dk.munin.exif.PhotoListing;
import dk.munin.manifest.ManifestRules;
import dk.munin.output.ClustersParquetWriter;
import dk.munin.output.RunReport;
import dk.munin.output.report.ReportPage;
import dk.munin.stage.costestimation.CostEstimation;
import dk.munin.stage.guardbudget.GuardBudget;
import dk.munin.stage.mergedetections.MergeDetections;
import dk.munin.stage.stage0exif.Stage0Exif;
import dk.munin.stage.stage2post.Stage2Post;
import dk.munin.stage.submitbatchstage1.SubmitBatchStage1;
import dk.munin.stage.weatherenrichment.WeatherEnrichment;
import dk.munin.stage.writeparquet.WriteParquet;
import dk.munin.state.Stage;
import dk.munin.storage.CamelS3Client;
import dk.munin.trigger.FailedManifests;
import dk.munin.trigger.ManifestErrorFile;
import dk.munin.trigger.ManifestTrigger;
import dk.munin.trigger.StepFunctionsStarter;
import dk.munin.trigger.StepFunctionsTrigger;
import dk.munin.weather.FrostObservations;
import dk.munin.weather.MetNoLocationforecast;
import dk.munin.weather.OpenMeteoArchive;
import dk.munin.weather.OpenMeteoForecast;
import dk.munin.weather.WeatherHttp;
import dk.munin.weather.WeatherProviders;
import dk.munin.weather.WeatherSettings;
import dk.munin.workflow.ExecutionHistoryRegistry;
import dk.munin.workflow.ExecutionHistorySource;
import dk.munin.workflow.ExecutionListener;
import dk.munin.workflow.camel.EmbeddedPipeline;
import dk.munin.workflow.camel.HistorySource;
import dk.munin.workflow.stepfunctions.StepFunctionsHistory;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.RandomUuidGenerator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The one place Munin's beans are made, from {@link MuninSettings} bound once from
 * application.properties (overridable by -D and environment variables): every bean gets what
 * it needs as constructor arguments. Named in {@code camel.main.configuration-classes}, so
 * {@code munin run}, {@code camel run} and the Lambda handler all get the same wiring; each
 * stage's bean is registered under its {@link Stage#beanName()}.
 */
public class MuninBeans implements CamelConfiguration {

    /** The embedded pipeline's factory, for the command line: it runs the workflow with its own progress listener. */
    public static final String PIPELINES = "embeddedPipelines";
    public static final String STORAGE = "storage";
    public static final String DETECTOR = "detector";
    public static final String SETTINGS = "muninSettings";

    /** Makes the embedded pipeline for a listener. */
    @FunctionalInterface
    public interface Pipelines {
        EmbeddedPipeline create(ExecutionListener listener);
    }

    @Override
    public void configure(CamelContext camel) {
        // Exchange ids from UUID.randomUUID (SecureRandom, per id): Camel's other generators count up
        // from a seed fixed at start-up, and Lambda SnapStart resumes many copies of one snapshot of
        // a started Camel, which would all hand out the same ids.
        camel.setUuidGenerator(new RandomUuidGenerator());
        MuninSettings settings = MuninSettings.bind(new Settings(key -> camel.getPropertiesComponent().resolveProperty(key)));
        Registry registry = camel.getRegistry();
        Clock clock = Clock.systemUTC();
        ProducerTemplate template = camel.createProducerTemplate();
        Storage storage = Storage.withS3(CamelS3Client.of(camel, settings.s3().retries()));
        ExecutionHistoryRegistry history = new ExecutionHistoryRegistry();
        DetectorDriver detector = detector(settings, storage, clock);

        registry.bind(SETTINGS, settings);
        registry.bind(STORAGE, storage);
        registry.bind(DETECTOR, detector);
        registry.bind("executionHistory", history);
        DetectionBudget detectionBudget = new DetectionBudget(runEstimator(settings), settings.budget().overWorstCase(),
                settings.manifest().minJobDuration());
        bind(registry, Stage.GUARD_BUDGET, new GuardBudget(new ManifestRules(settings.manifest()),
                new PhotoListing(storage, settings.stage0().photoExtensions()), detectionBudget, settings.stage0().batches()));
        bind(registry, Stage.STAGE0_EXIF, Stage0Exif.of(storage, settings.stage0(), clock));
        bind(registry, Stage.COST_ESTIMATION, new CostEstimation(detectionBudget, costMetric(settings, clock), clock));
        bind(registry, Stage.SUBMIT_BATCH_STAGE1, new SubmitBatchStage1(detector));
        bind(registry, Stage.MERGE_DETECTIONS, new MergeDetections(storage));
        bind(registry, Stage.STAGE2_POST, new Stage2Post(storage, settings.cluster(), clock));
        bind(registry, Stage.WEATHER_ENRICHMENT, new WeatherEnrichment(storage, weatherProviders(settings.weather(), template, clock),
                settings.weather().categories()));
        bind(registry, Stage.WRITE_PARQUET, new WriteParquet(storage, new ClustersParquetWriter(storage),
                new RunReport(storage, reportHistory(settings, history, template), once(() -> EmbeddedPipeline.workflow(settings.workflow())), costAccounting(settings), clock),
                new ReportPage(storage, settings.report()), costMetric(settings, clock)));

        Pipelines pipelines = listener -> EmbeddedPipeline.create(template, settings.workflow(), storage, history, listener);
        registry.bind(PIPELINES, pipelines);
        registry.bind("manifestTrigger", new ManifestTrigger(once(() -> pipelines.create(ExecutionListener.NONE))));
        registry.bind("stepFunctionsTrigger", stepFunctionsTrigger(settings, storage, template, clock));
        registry.bind("failedManifests", new FailedManifests(storage));
    }

    private static void bind(Registry registry, Stage stage, Object bean) {
        registry.bind(stage.beanName(), bean);
    }

    /** munin.workflow.history: on AWS the execution ran in Step Functions, not in this process's runner. */
    private static ExecutionHistorySource reportHistory(MuninSettings settings, ExecutionHistoryRegistry embedded, ProducerTemplate template) {
        return settings.workflow().history() == HistorySource.STEP_FUNCTIONS ? new StepFunctionsHistory(template) : embedded;
    }

    /** munin.budget.cost-metric: on in the stack's cost-estimation and write-parquet functions, whose standard output Lambda logs. */
    private static CostMetric costMetric(MuninSettings settings, Clock clock) {
        return new CostMetric(settings.budget().costMetric(), settings.budget().costMetricNamespace(), System.out::println, clock);
    }

    /** Prices what a run measured of itself for its report, as the estimate was priced. */
    private static CostAccounting costAccounting(MuninSettings settings) {
        BudgetSettings budget = settings.budget();
        return new CostAccounting(budget.pricing(), budget.instance(), budget.usage(), detectorWhere(settings));
    }

    private static RunEstimator.Where detectorWhere(MuninSettings settings) {
        return new RunEstimator.Where(settings.detect().mode() == DetectionMode.AWS_BATCH, Runtime.getRuntime().availableProcessors());
    }

    /** Prices runs for GuardBudget and CostEstimation, with the detector where munin.detect.mode puts it. */
    private static RunEstimator runEstimator(MuninSettings settings) {
        BudgetSettings budget = settings.budget();
        DetectionMode mode = settings.detect().mode();
        DetectorSpeed speed = mode == DetectionMode.PRECOMPUTED ? DetectorSpeed.NONE
                : new CalibratedSpeed(budget.detectorSpeeds().isBlank() ? null : new DetectorSpeeds(budget.detectorSpeeds()),
                once(() -> modelSha256(settings.detect())), mode == DetectionMode.AWS_BATCH
                ? DetectorHost.instance(budget.instance().instanceType()) : DetectorHost.local(),
                budget.safetyFactor(), budget.msPerFrame(), budget.startupSeconds());
        return new RunEstimator(speed, budget.instance(), budget.pricing(), budget.usage(),
                new DetectionSharding(settings.detect().maxShards(), settings.detect().shardSafetyFraction()),
                budget.detectorAttempts(), detectorWhere(settings));
    }

    /**
     * The SHA-256 the calibration table knows the run's model by: the configured one, else that of a
     * local model file, else the default model's pinned one; empty when none is known (an s3:// or
     * https:// model without munin.detect.model-sha256), and then the run is priced uncalibrated.
     */
    private static String modelSha256(DetectSettings detect) {
        DetectorModel model = detect.model();
        if (!model.isConfigured()) {
            return detect.defaultModel().sha256();
        }
        if (!model.sha256().isEmpty()) {
            return model.sha256();
        }
        Path file = Path.of(model.location());
        return Files.isRegularFile(file) ? DetectorModel.sha256Of(file) : "";
    }

    /** The one place munin.detect.mode chooses the driver SubmitBatchStage1 calls. */
    private static DetectorDriver detector(MuninSettings settings, Storage storage, Clock clock) {
        DetectSettings detect = settings.detect();
        return switch (detect.mode()) {
            case LOCAL_PROCESS -> new LocalProcessDetector(detect.javaCommand(), detect.jvmOptions(), detect.jar(), localModel(detect),
                    detect.outputThreshold(), settings.s3().detectorEnvironment(), detect.maxParallelShards(), detect.stopMargin(), clock);
            case AWS_BATCH -> new AwsBatchDetector(BatchClients.create(detect.batchRegion(), detect.batchEndpoint()),
                    detect.model(), detect.outputThreshold(), detect.batchPolling(), storage, detect.stopMargin(), Sleeper.REAL, clock);
            case PRECOMPUTED -> new PrecomputedDetections(storage, detect.precomputedFile(), detect.outputThreshold(), clock);
        };
    }

    /**
     * The configured model, else the default one fetched into the model cache. Only for
     * local-process: in aws-batch mode an empty model means the job definition's DETECTOR_MODEL.
     */
    private static LocalModel localModel(DetectSettings detect) {
        return detect.model().isConfigured() ? detect.model() : new DefaultModel(detect.defaultModel(), detect.modelCache());
    }

    private static WeatherProviders.Chain weatherProviders(WeatherSettings weather, ProducerTemplate template, Clock clock) {
        BiFunction<String, String, WeatherHttp> client = (service, url) -> new WeatherHttp(template, service, url,
                weather.metNoUserAgent(), weather.connectTimeoutMs(), weather.responseTimeoutMs(), weather.retries());
        WeatherHttp metNo = client.apply(MetNoLocationforecast.SERVICE, weather.metNoUrl());
        WeatherHttp archive = client.apply(OpenMeteoArchive.SERVICE, weather.openMeteoArchiveUrl());
        WeatherHttp forecast = client.apply(OpenMeteoForecast.SERVICE, weather.openMeteoForecastUrl());
        WeatherHttp frost = FrostObservations.authorised(client.apply(FrostObservations.SERVICE, weather.frost().url()),
                weather.frost().clientId());
        return WeatherProviders.named(weather.providers(), new WeatherProviders.Clients(metNo, archive, forecast, frost), weather,
                clock);
    }

    /** The trigger that starts the deployed state machine (start-execution, and start-run with munin.trigger.start=step-functions). */
    private static StepFunctionsTrigger stepFunctionsTrigger(MuninSettings settings, Storage storage, ProducerTemplate template,
                                                             Clock clock) {
        return new StepFunctionsTrigger(storage, new ManifestRules(settings.manifest()), new ManifestErrorFile(storage, clock),
                new StepFunctionsStarter(template, settings.trigger().stateMachineArn()));
    }

    /** Made on first use, then kept. */
    private static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private T made;

            @Override
            public synchronized T get() {
                if (made == null) {
                    made = make.get();
                }
                return made;
            }
        };
    }
}
