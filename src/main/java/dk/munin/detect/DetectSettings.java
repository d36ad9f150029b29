package dk.munin.detect;

import dk.munin.contract.models.ModelCache;
import dk.munin.contract.settings.Settings;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Who runs the detector and how (application.properties, "Stage-1: detection"; each setting is
 * described there).
 *
 * @param mode                munin.detect.mode
 * @param model               munin.detect.model and munin.detect.model-sha256
 * @param defaultModel        munin.detect.default-model.* (local-process, when munin.detect.model is empty)
 * @param modelCache          munin.detect.model-cache, resolved: empty is the detector's own default folder
 * @param outputThreshold     munin.detect.output-threshold
 * @param jar                 munin.detect.jar (local-process)
 * @param javaCommand         munin.detect.java (local-process)
 * @param jvmOptions          munin.detect.jvm-options (local-process)
 * @param maxParallelShards   munin.detect.local.max-parallel-shards (local-process)
 * @param shardSafetyFraction munin.detect.shard-safety-fraction
 * @param maxShards           munin.detect.max-shards
 * @param precomputedFile     munin.detect.precomputed-file (precomputed); empty when none
 * @param batchRegion         munin.detect.batch.region (aws-batch)
 * @param batchEndpoint       munin.detect.batch.endpoint (aws-batch); empty for AWS's own
 * @param batchPolling        munin.detect.batch.poll-* and deadline-margin-seconds (aws-batch)
 * @param cancelWait          munin.detect.cancel-wait-seconds
 * @param stopMargin          munin.detect.stop-margin-seconds
 */
public record DetectSettings(DetectionMode mode, DetectorModel model, DefaultModelSettings defaultModel, Path modelCache,
                             double outputThreshold, Path jar, String javaCommand,
                             String jvmOptions, int maxParallelShards, double shardSafetyFraction, int maxShards,
                             String precomputedFile, String batchRegion, String batchEndpoint, BatchPolling batchPolling,
                             Duration cancelWait, Duration stopMargin) {

    public static DetectSettings from(Settings settings) {
        return new DetectSettings(
                settings.parsed("munin.detect.mode", "local-process, aws-batch or precomputed", DetectionMode::parse),
                new DetectorModel(settings.optional("munin.detect.model").orElse(""),
                        settings.optional("munin.detect.model-sha256").orElse("")),
                DefaultModelSettings.from(settings),
                ModelCache.folder(settings.optional("munin.detect.model-cache").orElse(null), System.getenv()),
                settings.decimal("munin.detect.output-threshold"),
                Path.of(settings.text("munin.detect.jar")),
                settings.text("munin.detect.java"),
                settings.text("munin.detect.jvm-options"),
                settings.integer("munin.detect.local.max-parallel-shards"),
                settings.decimal("munin.detect.shard-safety-fraction"),
                settings.integer("munin.detect.max-shards"),
                settings.optional("munin.detect.precomputed-file").orElse(""),
                settings.text("munin.detect.batch.region"),
                settings.optional("munin.detect.batch.endpoint").orElse(""),
                new BatchPolling(Duration.ofMillis(settings.whole("munin.detect.batch.poll-first-interval-ms")),
                        settings.decimal("munin.detect.batch.poll-factor"),
                        Duration.ofMillis(settings.whole("munin.detect.batch.poll-max-interval-ms")),
                        Duration.ofSeconds(settings.whole("munin.detect.batch.deadline-margin-seconds"))),
                Duration.ofSeconds(settings.whole("munin.detect.cancel-wait-seconds")),
                Duration.ofSeconds(settings.whole("munin.detect.stop-margin-seconds")));
    }
}
