package dk.munin.detector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.munin.contract.testing.TinyOnnxModel;
import dk.munin.detector.testing.PhotoListFile;
import dk.munin.detector.testing.TestPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Never losing work, with the packaged jar as a real process that is killed (SIGKILL, as a Spot
 * reclaim or an out-of-memory kill would). To kill it at a known point, the 7th photo in the list
 * is a named pipe: reading it blocks until the test is done, so the process has saved exactly two
 * checkpoints (photos 0-2 and 3-5) and cannot get further.
 */
class DetectorCheckpointIT {

    private static final Path MODULE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    private static final Path JAR = MODULE.resolve("target/munin-detector.jar");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PHOTOS = 12;
    private static final int BLOCKING_PHOTO = 6;
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    Path temp;

    @Test
    void aKilledRunRestartedContinuesAfterItsCheckpointsAndMatchesAnUninterruptedRun() throws Exception {
        Path pipe = temp.resolve("photos/photo-" + BLOCKING_PHOTO + ".jpg");
        PhotoListFile list = new PhotoListFile();
        for (int i = 0; i < PHOTOS; i++) {
            Path photo = i == BLOCKING_PHOTO ? temp.resolve("later/photo-" + i + ".jpg") : temp.resolve("photos/photo-" + i + ".jpg");
            TestPhotos.jpeg(photo, 300 + 40 * i, 500 - 20 * i, i);
            list.add("station/photo-" + i + ".jpg", temp.resolve("photos/photo-" + i + ".jpg"));
        }
        assumeTrue(makeFifo(pipe), "skipped: mkfifo is not available on this system");
        Path modelA = TinyOnnxModel.yoloV5(320, 80,
                new float[] {100, 160, 120, 200, 0.9f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.8f}).writeTo(temp.resolve("a/model.onnx"));
        Path modelB = TinyOnnxModel.yoloV5(320, 80,
                new float[] {200, 100, 50, 50, 0.5f, 1f}).writeTo(temp.resolve("b/model.onnx"));
        Map<String, String> env = new HashMap<>();
        env.put("INPUT_URI", list.writeTo(temp.resolve("images.jsonl")).toString());
        env.put("OUTPUT_URI", temp.resolve("out").toString());
        env.put("DETECTOR_MODEL", modelA.toString());
        env.put("DETECTOR_CHECKPOINT_EVERY", "3");
        env.put("DETECTOR_THREADS", "2");

        // 1. the first run saves two checkpoints, blocks on the pipe, and is killed
        Process killed = start(env, "killed");
        Path secondCheckpoint = awaitFile(temp.resolve("out/checkpoints/all"), "part-00000003-00000006.json", killed);
        killed.destroyForcibly().waitFor();
        assertFalse(Files.exists(temp.resolve("out/detections.json")));
        Path runFolder = secondCheckpoint.getParent();

        // the photo becomes readable; an uninterrupted run of the same list is the reference
        Files.delete(pipe);
        Files.move(temp.resolve("later/photo-" + BLOCKING_PHOTO + ".jpg"), pipe);
        Map<String, String> reference = new HashMap<>(env);
        reference.put("OUTPUT_URI", temp.resolve("reference").toString());
        JsonNode uninterrupted = JSON.readTree(Path.of(DetectorRun.run(reference).output().substring("file:".length())).toFile());

        // 2. a restart with another model must not use model A's checkpoints
        Map<String, String> otherModel = new HashMap<>(env);
        otherModel.put("DETECTOR_MODEL", modelB.toString());
        List<String> otherStderr = finish(start(otherModel, "other-model"), "other-model");
        assertTrue(last(otherStderr).contains("12 photos (0 failed)") && last(otherStderr).contains(", 0 resumed from checkpoints"), last(otherStderr));
        assertEquals(0.5, read(temp.resolve("out/detections.json")).at("/images/0/detections/0/conf").asDouble());
        assertTrue(Files.exists(secondCheckpoint), "model A's checkpoints are left alone");

        // 3. the checkpointed photos disappear: a restart that detected them again would write failures
        for (int i = 0; i < BLOCKING_PHOTO; i++) {
            Files.delete(temp.resolve("photos/photo-" + i + ".jpg"));
        }
        List<String> stderr = finish(start(env, "restarted"), "restarted");
        assertTrue(last(stderr).contains("12 photos (0 failed)") && last(stderr).contains(", 6 resumed from checkpoints"), last(stderr));
        JsonNode restarted = read(temp.resolve("out/detections.json"));
        MegaDetectorOutputValidator.validate(restarted, list.files(), 0.1);
        assertEquals(uninterrupted.get("images"), restarted.get("images"));
        assertEquals(6, restarted.at("/info/detector_metadata/timing/photos_timed").asInt(), "only the photos after the checkpoints were detected");
        assertFalse(Files.exists(runFolder), "spent checkpoints are removed once the output exists");
    }

    private static boolean makeFifo(Path pipe) throws InterruptedException {
        try {
            Files.createDirectories(pipe.getParent());
            Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).redirectErrorStream(true).start();
            return mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0;
        } catch (IOException noMkfifo) {
            return false;
        }
    }

    private Process start(Map<String, String> contract, String name) throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by the package phase");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString());
        builder.environment().keySet().removeIf(variable -> variable.startsWith("DETECTOR_") || variable.startsWith("MUNIN_")
                || variable.startsWith("AWS_") || variable.equals("INPUT_URI") || variable.equals("OUTPUT_URI"));
        builder.environment().putAll(contract);
        builder.environment().put("DETECTOR_MODEL_CACHE", temp.resolve("cache").toString());
        builder.redirectError(temp.resolve(name + ".stderr").toFile());
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return builder.start();
    }

    private List<String> finish(Process process, String name) throws Exception {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the " + name + " run did not finish within " + TIMEOUT_SECONDS + " s");
        }
        List<String> stderr = Files.readAllLines(temp.resolve(name + ".stderr"), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), String.join("\n", stderr));
        return stderr;
    }

    /** Waits for a file of that name anywhere below {@code folder}, failing early if the process ends first. */
    private Path awaitFile(Path folder, String name, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.walk(folder)) {
                    var found = files.filter(file -> file.getFileName().toString().equals(name)).findFirst();
                    if (found.isPresent()) {
                        return found.get();
                    }
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("the run ended (exit " + process.exitValue() + ") before writing " + name + ":\n"
                        + Files.readString(temp.resolve("killed.stderr")));
            }
            Thread.sleep(20);
        }
        process.destroyForcibly();
        throw new AssertionError("no " + name + " within " + TIMEOUT_SECONDS + " s");
    }

    private static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    private static String last(List<String> lines) {
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
    }
}
