package dk.munin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.contract.stage1.ContainerSettings;
import dk.munin.contract.stage1.Stage1Files;
import dk.munin.state.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One timed run of the detector jar as a whole process, started the way LocalProcessDetector
 * starts it ({@code <java> <jvm options> -jar <jar>}, the container's environment), so the
 * figures are what a local run's shard pays: the detector's own detect time from its output's
 * {@code info}, and the process's wall time around it.
 *
 * @param wallSeconds   from starting the process to its exit
 * @param detectSeconds info.detector_metadata.timing.wall_seconds: the photos' loop, start-up excluded
 * @param photos        info.detector_metadata.timing.photos_timed
 * @param threads       info.detector_metadata.timing.threads
 * @param input         the model input, {@code <width>x<height>}, from model_input_shape
 * @param model         info.detector: the model file's name
 * @param modelSha256   info.detector_metadata.model_sha256
 */
record CalibrationRun(double wallSeconds, double detectSeconds, int photos, int threads, String input, String model,
                      String modelSha256) {

    /** What starts a detector process: the app's munin.detect.java, munin.detect.jvm-options and munin.detect.jar. */
    record Command(String java, String jvmOptions, Path jar, double outputThreshold) {

        List<String> arguments() {
            List<String> command = new ArrayList<>();
            command.add(java);
            if (!jvmOptions.isBlank()) {
                command.addAll(List.of(jvmOptions.trim().split("\\s+")));
            }
            command.add("-jar");
            command.add(jar.toString());
            return command;
        }
    }

    /** Milliseconds of detector time per photo timed. */
    double msPerFrame() {
        return detectSeconds * 1000 / photos;
    }

    /** What the process spent outside the photos' loop: JVM start, model load, writing the output. */
    double startupSeconds() {
        return wallSeconds - detectSeconds;
    }

    /**
     * Runs the detector once over the photo list into a fresh output folder (so no checkpoint of an
     * earlier run is restored); its log goes to {@code <output>.log}.
     *
     * @throws IllegalStateException when the process fails or its output lacks the timing
     */
    static CalibrationRun measure(Command command, Path photoList, Path model, Path output) throws IOException, InterruptedException {
        Path log = output.resolveSibling(output.getFileName() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command.arguments())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile());
        Map<String, String> env = builder.environment();
        // The shell's DETECTOR_* would change what is measured: the row is for the detector's defaults.
        ContainerSettings.KEYS.forEach(key -> env.remove(ContainerSettings.variable(key)));
        env.put(ContainerSettings.variable(ContainerSettings.INPUT_URI), photoList.toString());
        env.put(ContainerSettings.variable(ContainerSettings.OUTPUT_URI), output.toString());
        env.put(ContainerSettings.variable(ContainerSettings.MODEL), model.toString());
        env.put(ContainerSettings.variable(ContainerSettings.OUTPUT_THRESHOLD), String.valueOf(command.outputThreshold()));
        long started = System.nanoTime();
        int exit = builder.start().waitFor();
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("the detector exited with " + exit + ": " + lastLine(log) + " (its log: " + log + ")");
        }
        return fromInfo(Json.parse(Files.readAllBytes(output.resolve(Stage1Files.DETECTIONS_JSON))).get("info"), wallSeconds);
    }

    static CalibrationRun fromInfo(JsonNode info, double wallSeconds) {
        JsonNode metadata = info.path("detector_metadata");
        JsonNode timing = metadata.path("timing");
        JsonNode shape = metadata.path("model_input_shape");
        if (!timing.path("wall_seconds").isNumber() || timing.path("photos_timed").asInt() < 1 || shape.size() != 4) {
            throw new IllegalStateException("the detector's info has no timing of its photos or no model_input_shape: " + metadata);
        }
        // NCHW: [batch, channels, height, width]
        String input = shape.get(3).asInt() + "x" + shape.get(2).asInt();
        return new CalibrationRun(wallSeconds, timing.get("wall_seconds").asDouble(), timing.get("photos_timed").asInt(),
                timing.path("threads").asInt(), input, info.path("detector").asText(), metadata.path("model_sha256").asText());
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return lines.isEmpty() ? "(it printed nothing)" : lines.get(lines.size() - 1);
    }
}
