package dk.munin.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real camera-trap data in ../shared/data (photos, model, weather recordings), found
 * relative to the project root. A user's clone does not have it: tests that need it skip.
 */
public final class SharedData {

    /** Maven runs tests with the project root as the working directory. */
    public static final Path ROOT = Path.of("..", "shared", "data").toAbsolutePath().normalize();

    private SharedData() {
    }

    public static boolean available() {
        return Files.isDirectory(ROOT.resolve("images"));
    }

    /** The path below ../shared/data, or a skipped test when that data is absent. */
    public static Path require(String relative) {
        Path path = ROOT.resolve(relative);
        Assumptions.assumeTrue(Files.exists(path),
                "Skipped: needs the shared camera-trap data at " + path + " (present on the team's machines, absent in a user's clone)");
        return path;
    }
}
