package dk.munin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.state.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code make bench-cost}: the estimate against what the run measured of itself. Runs the whole
 * pipeline ({@code ./munin run}, a process as a researcher starts it) on the shared photos with
 * FastestDet, {@code runs} times into fresh folders, reads each run_report.json's {@code cost}
 * and prints, per component, the estimate, the actual (measured durations and counts x the same
 * price table) and the error, with the medians over the runs and each state's measured time (the
 * figures munin.budget.lambda.* come from). Exits 1 when the median total error is outside +-25 %,
 * the bound. Usage: {@code CostBenchmark <munin command> <images> <model> <runs> <work folder>}.
 */
public final class CostBenchmark {

    private static final double BOUND_PERCENT = 25;

    private CostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path images = Path.of(args[1]);
        Path model = Path.of(args[2]);
        if (!Files.isDirectory(images) || !Files.isRegularFile(model)) {
            System.out.println("bench-cost: skipped: needs " + images + " and " + model + " (../shared/data is absent in this clone?)");
            return;
        }
        int runs = Integer.parseInt(args[3]);
        Path work = Files.createDirectories(Path.of(args[4]));
        List<JsonNode> costs = new ArrayList<>();
        Map<String, List<Long>> stateMs = new TreeMap<>();
        for (int run = 1; run <= runs; run++) {
            Path output = work.resolve("run-" + run);
            deleteRecursively(output);
            Process munin = new ProcessBuilder(args[0], "run", "--input", images.toString(), "--output", output.toString(),
                    "--budget-dkk", "25", "--model", model.toString()).redirectErrorStream(true)
                    .redirectOutput(work.resolve("run-" + run + ".log").toFile()).start();
            if (munin.waitFor() != 0) {
                System.out.println("bench-cost: run " + run + " failed; see " + work.resolve("run-" + run + ".log"));
                System.exit(1);
            }
            JsonNode report = Json.parse(Files.readAllBytes(output.resolve("run_report.json")));
            costs.add(report.get("cost"));
            report.at("/timings/per_state_ms").fields().forEachRemaining(field ->
                    stateMs.computeIfAbsent(field.getKey(), key -> new ArrayList<>()).add(field.getValue().asLong()));
        }
        JsonNode first = costs.get(0);
        int photos = first.at("/estimated/components/s3_reads/quantity").asInt() / 2;
        System.out.printf(Locale.ROOT, "Cost benchmark: %d photos of %s, FastestDet, %d runs, %s prices (%s), %d CPUs (load %.1f)%n",
                photos, images, runs, first.path("region").asText(), first.path("mode").asText(),
                Runtime.getRuntime().availableProcessors(), loadAverage());
        System.out.printf(Locale.ROOT, "  speed      %s: %d ms/frame, %.2f s start-up (%s)%n", first.at("/speed/host").asText(),
                first.at("/speed/ms_per_frame").asLong(), first.at("/speed/startup_seconds").asDouble(), first.at("/speed/source").asText());
        System.out.printf(Locale.ROOT, "  measured   %.1f ms/frame, %.2f s start-up per shard (medians)%n",
                median(costs, cost -> cost.path("measured_ms_per_frame").asDouble()),
                median(costs, cost -> cost.path("measured_startup_seconds_per_shard").asDouble()));
        System.out.printf(Locale.ROOT, "  %-16s %14s %14s %9s%n", "component", "estimated DKK", "actual DKK", "error");
        List<String> components = new ArrayList<>();
        first.at("/actual/components").fieldNames().forEachRemaining(components::add);
        components.add("total");
        for (String component : components) {
            String path = component.equals("total") ? "/%s/total_dkk" : "/%s/components/" + component + "/dkk";
            double estimated = median(costs, cost -> cost.at(path.formatted("estimated")).asDouble());
            double actual = median(costs, cost -> cost.at(path.formatted("actual")).asDouble());
            System.out.printf(Locale.ROOT, "  %-16s %14.6f %14.6f %9s%n", component, estimated, actual, percent(estimated, actual));
        }
        System.out.printf(Locale.ROOT, "  states     %s (median ms)%n", medians(stateMs));
        double estimated = median(costs, cost -> cost.at("/estimated/total_dkk").asDouble());
        double actual = median(costs, cost -> cost.at("/actual/total_dkk").asDouble());
        double error = (estimated - actual) / actual * 100;
        System.out.printf(Locale.ROOT, "  check      the estimate is %+.1f %% of the actual: %s%n", error,
                Math.abs(error) <= BOUND_PERCENT ? "within +-25 %" : "OUTSIDE +-25 %");
        if (Math.abs(error) > BOUND_PERCENT) {
            System.exit(1);
        }
    }

    private static String medians(Map<String, List<Long>> stateMs) {
        StringBuilder line = new StringBuilder();
        stateMs.forEach((state, ms) -> line.append(line.isEmpty() ? "" : ", ").append(state).append(' ')
                .append(ms.stream().sorted().toList().get(ms.size() / 2)));
        return line.toString();
    }

    private static double median(List<JsonNode> costs, java.util.function.ToDoubleFunction<JsonNode> figure) {
        List<Double> sorted = costs.stream().map(figure::applyAsDouble).sorted(Comparator.naturalOrder()).toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String percent(double estimated, double actual) {
        return actual > 0 ? String.format(Locale.ROOT, "%+.1f %%", (estimated - actual) / actual * 100) : "-";
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
