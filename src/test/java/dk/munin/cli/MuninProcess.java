package dk.munin.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * `munin run` in its own JVM from the project root, on the tests' class path, as a researcher
 * starts it (the console of the real logback.xml, weather off: no network here), its console in a file.
 */
record MuninProcess(Process process, Path consoleFile) {

    /** @param environment added to this JVM's, without its AWS_, MUNIN_ and DETECTOR_ variables */
    static MuninProcess start(Path console, Map<String, String> environment, String... runArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dmunin.weather.providers=none",
                // the console of a real `munin run` (the detector's progress and summary), not the tests' warnings-only one
                "-Dlogback.configurationFile=logback.xml",
                MuninCli.class.getName(), "run"));
        command.addAll(List.of(runArgs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("MUNIN_") || name.startsWith("DETECTOR_"));
        env.putAll(environment);
        return new MuninProcess(builder.start(), console);
    }

    String console() {
        try {
            return Files.readString(consoleFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
