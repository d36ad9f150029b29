package dk.munin.budget;

import dk.munin.state.Json;
import dk.munin.state.SpeedCalibration;
import dk.munin.state.SpeedEstimate;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The detector speed from the calibration table (detector-speed.csv): the row measured for the
 * run's model where the detector runs, its ms per frame times the safety factor; without such a
 * row, the configured guess, and the estimate says why.
 */
public final class CalibratedSpeed implements DetectorSpeed {

    private final DetectorSpeeds table;
    private final Supplier<String> modelSha256;
    private final String host;
    private final double safetyFactor;
    private final long configuredMsPerFrame;
    private final double configuredStartupSeconds;

    /**
     * @param table        the calibration table, or null when munin.budget.detector-speeds is empty
     * @param modelSha256  the run's model file's SHA-256, asked once per estimate; empty when it cannot be known
     * @param host         {@link DetectorHost#local()} for a local-process detector, the Batch instance type otherwise
     * @param safetyFactor munin.budget.ms-per-frame-safety-factor
     */
    public CalibratedSpeed(DetectorSpeeds table, Supplier<String> modelSha256, String host, double safetyFactor,
                           long configuredMsPerFrame, double configuredStartupSeconds) {
        this.table = table;
        this.modelSha256 = modelSha256;
        this.host = host;
        this.safetyFactor = safetyFactor;
        this.configuredMsPerFrame = configuredMsPerFrame;
        this.configuredStartupSeconds = configuredStartupSeconds;
    }

    @Override
    public SpeedEstimate estimate() {
        if (table == null) {
            return fallback("munin.budget.detector-speeds is empty");
        }
        String sha256 = modelSha256.get();
        if (sha256 == null || sha256.isBlank()) {
            return fallback("the model's SHA-256 is not known (set munin.detect.model-sha256), so no calibration row can match it");
        }
        Optional<SpeedCalibration> row = table.find(sha256, host);
        if (row.isEmpty()) {
            return fallback("the calibration table has no row for model " + sha256.substring(0, Math.min(12, sha256.length()))
                    + "... on " + host + " (make bench-calibrate measures one)");
        }
        SpeedCalibration measured = row.get();
        return new SpeedEstimate((long) Math.ceil(measured.msPerFrame() * safetyFactor), measured.startupSeconds(), safetyFactor,
                host, "detector-speed.csv: " + measured.model() + " on " + host + ", " + measured.msPerFrame() + " ms per frame measured "
                + measured.measuredAt() + ", times the safety factor", Json.MAPPER.valueToTree(measured));
    }

    private SpeedEstimate fallback(String why) {
        return new ConfiguredSpeed(configuredMsPerFrame, configuredStartupSeconds, host, why).estimate();
    }
}
