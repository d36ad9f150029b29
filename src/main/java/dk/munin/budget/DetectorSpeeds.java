package dk.munin.budget;

import dk.munin.state.SpeedCalibration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The measured detector speeds ({@link DetectorSpeedTable}), read from the classpath so the Lambda
 * functions have the same table as a laptop. {@code make bench-calibrate} writes its rows.
 */
public final class DetectorSpeeds {

    /** munin.budget.detector-speeds's shipped value. */
    public static final String DEFAULT_RESOURCE = "dk/munin/budget/detector-speed.csv";

    private final List<SpeedCalibration> calibrations;

    /**
     * @param resourcePath a classpath resource, e.g. {@value #DEFAULT_RESOURCE} (munin.budget.detector-speeds)
     * @throws InvalidSpeedTable when a row is malformed, naming its line and column
     */
    public DetectorSpeeds(String resourcePath) {
        String path = resourcePath.startsWith("/") ? resourcePath.substring(1) : resourcePath;
        this.calibrations = List.copyOf(DetectorSpeedTable.parse(read(path), path));
    }

    public static DetectorSpeeds fromClasspath() {
        return new DetectorSpeeds(DEFAULT_RESOURCE);
    }

    /** Every row, in the table's order. */
    public List<SpeedCalibration> calibrations() {
        return calibrations;
    }

    /**
     * The model's speed on the host, measured newest when the table has several. The input size is
     * not asked for: it follows from the model (the model file fixes it, or the detector's default
     * for a model of dynamic size).
     *
     * @param modelSha256 the model file's SHA-256 (hex, either case)
     * @param host        {@link DetectorHost#local()} or {@link DetectorHost#instance(String)}
     */
    public Optional<SpeedCalibration> find(String modelSha256, String host) {
        String sha256 = modelSha256.toLowerCase(Locale.ROOT);
        return calibrations.stream()
                .filter(row -> row.modelSha256().equals(sha256) && row.host().equals(host))
                .max(Comparator.comparing(SpeedCalibration::measuredAt));
    }

    private static String read(String path) {
        try (InputStream in = DetectorSpeeds.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new InvalidSpeedTable("The detector speed table " + path + " is not on the classpath"
                        + " (munin.budget.detector-speeds names a resource under src/main/resources)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the detector speed table " + path, e);
        }
    }
}
