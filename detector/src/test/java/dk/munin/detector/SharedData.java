package dk.munin.detector;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's real test data, {@code ../shared/data} next to the project root (the folder
 * holding mvnw). A user's clone has no such folder: tests that need it are skipped, never failed.
 */
public final class SharedData {

    /** The detector module's folder; Maven runs tests from it and passes it as "basedir". */
    private static final Path MODULE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    public static final Path ROOT = MODULE.resolve("../../shared/data").toAbsolutePath().normalize();
    public static final Path FASTESTDET = ROOT.resolve("models/fastestdet/FastestDet.onnx");

    private SharedData() {
    }

    public static boolean hasModel() {
        return Files.isRegularFile(FASTESTDET);
    }

    /**
     * The model, or a skipped test. Call it from each test (or {@code @BeforeEach}), not from
     * {@code @BeforeAll}: Surefire reports a class aborted in {@code @BeforeAll} as zero tests,
     * and the skip and its message would go unseen.
     */
    public static Path model() {
        Assumptions.assumeTrue(hasModel(),
                "skipped: the FastestDet model is not at " + FASTESTDET + " (../shared/data is absent in this clone)");
        return FASTESTDET;
    }

    /** A file below {@code shared/data/images}. */
    public static Path image(String relative) {
        Path image = ROOT.resolve("images").resolve(relative);
        Assumptions.assumeTrue(Files.exists(image),
                "skipped: the shared photo " + image + " is absent (../shared/data is absent in this clone)");
        return image;
    }
}
