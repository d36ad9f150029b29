package dk.munin.budget;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code host} of a detector speed: what the detector ran on, named the same way when a row is
 * measured and when it is looked up. A speed holds for one processor model and core count, so a
 * local host is {@code local:<cpu model name> x<available processors>} (e.g.
 * {@code local:AMD EPYC x2}); on AWS Batch it is the instance type (c5.xlarge).
 */
public final class DetectorHost {

    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");
    private static final String MODEL_NAME = "model name";

    private DetectorHost() {
    }

    /** This machine, as the JVM sees it (a container's CPU limit lowers the processor count). */
    public static String local() {
        return local(cpuModel(CPU_INFO).orElse(System.getProperty("os.arch")), Runtime.getRuntime().availableProcessors());
    }

    /** An AWS instance type, e.g. c5.xlarge: its vCPUs and processor are fixed by the type. */
    public static String instance(String instanceType) {
        if (instanceType == null || instanceType.isBlank()) {
            throw new IllegalArgumentException("An AWS instance type is needed, e.g. c5.xlarge");
        }
        return instanceType.trim();
    }

    static String local(String cpuModel, int processors) {
        return "local:" + cpuModel + " x" + processors;
    }

    /**
     * The first {@code model name} of a Linux cpuinfo file, spaces collapsed; empty where there is
     * none (macOS, Windows, and ARM Linux, whose cpuinfo has no model name).
     */
    static Optional<String> cpuModel(Path cpuInfo) {
        List<String> lines;
        try {
            lines = Files.isReadable(cpuInfo) ? Files.readAllLines(cpuInfo) : List.of();
        } catch (IOException e) {
            return Optional.empty();
        }
        return lines.stream()
                .filter(line -> line.startsWith(MODEL_NAME) && line.indexOf(':') > 0)
                .map(line -> line.substring(line.indexOf(':') + 1).trim().replaceAll("\\s+", " "))
                .filter(name -> !name.isEmpty())
                .findFirst();
    }
}
