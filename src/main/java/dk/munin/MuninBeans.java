package dk.munin;

import dk.munin.budget.BudgetGuard;
import dk.munin.budget.CostEstimation;
import dk.munin.budget.CostModel;
import dk.munin.budget.DetectionSharding;
import dk.munin.budget.ManifestDefaults;
import dk.munin.budget.ManifestRules;
import dk.munin.cluster.Stage2Post;
import dk.munin.detect.AwsBatchDetector;
import dk.munin.detect.BatchClients;
import dk.munin.detect.BatchPolling;
import dk.munin.detect.DetectionMode;
import dk.munin.detect.DetectionsMerge;
import dk.munin.detect.DetectorDriver;
import dk.munin.detect.DetectorModel;
import dk.munin.detect.LocalProcessDetector;
import dk.munin.detect.PrecomputedDetections;
import dk.munin.exif.PhotoListing;
import dk.munin.exif.Stage0Exif;
import dk.munin.exif.Stage0Settings;
import dk.munin.storage.CamelS3Client;
import dk.munin.contract.storage.Storage;
import dk.munin.output.ClustersParquetWriter;
import dk.munin.output.RunReport;
import dk.munin.output.WriteParquet;
import dk.munin.workflow.ExecutionHistoryRegistry;
import dk.munin.workflow.ManifestTrigger;
import dk.munin.workflow.Sleeper;
import dk.munin.weather.LocationforecastClient;
import dk.munin.weather.WeatherEnrichment;
import dk.munin.weather.WeatherProviders;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the beans the stage routes call, from application.properties. Named in
 * {@code camel.main.configuration-classes}, so camel-main, `camel run` and the Lambda
 * handler all get the same wiring.
 */
public class MuninBeans implements CamelConfiguration {

    @Override
    public void configure(CamelContext camel) {
        Settings settings = new Settings(camel);
        Registry registry = camel.getRegistry();
        Clock clock = Clock.systemUTC();

        Storage storage = Storage.withS3(CamelS3Client.of(camel));
        registry.bind("storage", storage);

        PhotoListing listing = new PhotoListing(storage, settings.text("munin.exif.photo-extensions"));
        CostModel costModel = DetectionMode.parse(settings.text("munin.detect.mode")) == DetectionMode.PRECOMPUTED
                ? CostModel.NO_DETECTION
                : new CostModel(settings.whole("munin.budget.ms-per-frame"),
                        settings.decimal("munin.budget.price-per-hour-dkk.spot"),
                        settings.decimal("munin.budget.price-per-hour-dkk.on-demand"));
        registry.bind("budgetGuard", new BudgetGuard(new ManifestRules(manifestDefaults(settings)), listing, costModel));
        registry.bind("stage0Exif", new Stage0Exif(storage, Stage0Settings.from(key -> settings.optional(key).orElse(null)), clock));
        registry.bind("costEstimation", new CostEstimation(costModel, new DetectionSharding(
                settings.integer("munin.detect.max-shards"), settings.decimal("munin.detect.shard-safety-fraction"))));
        registry.bind("detector", detector(settings, storage, clock));
        registry.bind("detectionsMerge", new DetectionsMerge(storage));
        registry.bind("stage2Post", new Stage2Post(storage, settings.decimal("munin.cluster.confidence-threshold"),
                settings.integer("munin.cluster.event-gap-minutes")));
        LocationforecastClient metNo = new LocationforecastClient(camel.createProducerTemplate(),
                settings.text("munin.weather.metno.url"), settings.text("munin.weather.metno.user-agent"),
                settings.integer("munin.weather.connect-timeout-ms"), settings.integer("munin.weather.response-timeout-ms"));
        ExecutionHistoryRegistry history = new ExecutionHistoryRegistry();
        registry.bind("executionHistory", history);
        registry.bind("writeParquet", new WriteParquet(storage, new ClustersParquetWriter(storage),
                new RunReport(storage, history, clock)));
        registry.bind("manifestTrigger", new ManifestTrigger(camel));
        registry.bind("weatherEnrichment", new WeatherEnrichment(storage, WeatherProviders.named(
                settings.text("munin.weather.provider"), metNo,
                Duration.ofMinutes(settings.integer("munin.weather.max-step-distance-minutes"))), clock));
    }

    /** The one place munin.detect.mode chooses the driver the detect route calls. */
    private static DetectorDriver detector(Settings settings, Storage storage, Clock clock) {
        DetectorModel model = new DetectorModel(settings.optional("munin.detect.model").orElse(""),
                settings.optional("munin.detect.model-sha256").orElse(""));
        double outputThreshold = settings.decimal("munin.detect.output-threshold");
        return switch (DetectionMode.parse(settings.text("munin.detect.mode"))) {
            case LOCAL_PROCESS -> new LocalProcessDetector(settings.text("munin.detect.java"),
                    settings.text("munin.detect.jvm-options"), Path.of(settings.text("munin.detect.jar")), model, outputThreshold,
                    detectorStorageEnvironment(settings), settings.integer("munin.detect.local.max-parallel-shards"), clock);
            case AWS_BATCH -> new AwsBatchDetector(
                    BatchClients.create(settings.text("munin.detect.batch.region"), settings.optional("munin.detect.batch.endpoint").orElse("")),
                    model, outputThreshold, new BatchPolling(
                            Duration.ofMillis(settings.whole("munin.detect.batch.poll-first-interval-ms")),
                            settings.decimal("munin.detect.batch.poll-factor"),
                            Duration.ofMillis(settings.whole("munin.detect.batch.poll-max-interval-ms")),
                            Duration.ofSeconds(settings.whole("munin.detect.batch.deadline-margin-seconds"))),
                    Sleeper.REAL, clock);
            case PRECOMPUTED -> new PrecomputedDetections(storage, settings.optional("munin.detect.precomputed-file").orElse(""),
                    outputThreshold, clock);
        };
    }

    private static ManifestDefaults manifestDefaults(Settings settings) {
        return new ManifestDefaults(
                settings.flag("munin.manifest.default-use-spot"),
                settings.integer("munin.manifest.default-max-images"),
                settings.integer("munin.manifest.default-max-job-duration"),
                settings.integer("munin.manifest.default-weather-days-back"),
                settings.integer("munin.manifest.max-images-limit"),
                settings.integer("munin.manifest.min-job-duration"),
                settings.integer("munin.manifest.max-job-duration-limit"),
                settings.integer(Stage0Settings.MAX_DEPLOYMENTS),
                settings.decimal(Stage0Settings.MAX_CLOCK_DRIFT_PPM));
    }

    /** The detector process reads and writes the same S3 as the app, so it gets the same endpoint and keys. */
    private static Map<String, String> detectorStorageEnvironment(Settings settings) {
        Map<String, String> env = new HashMap<>();
        settings.optional("camel.component.aws2-s3.region").ifPresent(region -> env.put("AWS_REGION", region));
        settings.optional("camel.component.aws2-s3.access-key").ifPresent(key -> env.put("AWS_ACCESS_KEY_ID", key));
        settings.optional("camel.component.aws2-s3.secret-key").ifPresent(key -> env.put("AWS_SECRET_ACCESS_KEY", key));
        if (settings.flag("camel.component.aws2-s3.override-endpoint")) {
            settings.optional("camel.component.aws2-s3.uri-endpoint-override")
                    .ifPresent(endpoint -> env.put("MUNIN_S3_ENDPOINT", endpoint));
        }
        return env;
    }
}
