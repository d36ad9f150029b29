package dk.munin.contract.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real camera-trap data in {@code ../shared/data} beside the project root (the folder holding
 * mvnw), whichever of the project's Maven projects the test runs in. A user's clone does not
 * have it: tests that need it are skipped with a message, never failed.
 */
public final class SharedData {

    public static final Path PROJECT_ROOT = projectRoot();
    public static final Path ROOT = PROJECT_ROOT.resolve("../shared/data").normalize();
    public static final Path FASTESTDET = ROOT.resolve("models/fastestdet/FastestDet.onnx");

    private SharedData() {
    }

    public static boolean available() {
        return Files.isDirectory(ROOT.resolve("images"));
    }

    /**
     * The path below ../shared/data, or a skipped test when that data is absent. Call it from
     * each test (or {@code @BeforeEach}), not from {@code @BeforeAll}: Surefire reports a class
     * aborted in {@code @BeforeAll} as zero tests, and the skip and its message would go unseen.
     */
    public static Path require(String relative) {
        Path path = ROOT.resolve(relative);
        Assumptions.assumeTrue(Files.exists(path),
                "Skipped: needs the shared camera-trap data at " + path + " (present on the team's machines, absent in a user's clone)");
        return path;
    }

    /** A photo below ../shared/data/images, or a skipped test. */
    public static Path image(String relative) {
        return require("images/" + relative);
    }

    public static boolean hasFastestDet() {
        return Files.isRegularFile(FASTESTDET);
    }

    /** The small COCO model in ../shared/data, or a skipped test. */
    public static Path fastestDet() {
        return require("models/fastestdet/FastestDet.onnx");
    }

    /** Maven runs each project's tests in its own folder (basedir): the root is the first folder up that holds mvnw. */
    private static Path projectRoot() {
        Path start = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath().normalize();
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve("mvnw")) && Files.isDirectory(folder.resolve("contract"))) {
                return folder;
            }
        }
        throw new IllegalStateException("No project root (a folder with mvnw and contract/) above " + start);
    }
}
