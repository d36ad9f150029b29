package dk.munin.budget;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.state.Json;

import java.time.Clock;
import java.util.function.Consumer;

/**
 * The run's estimated cost (CostEstimation) and the cost it actually spent (WriteParquet, from the
 * run report's accounting) as CloudWatch metrics, for the stack's cost alarms: one line of
 * CloudWatch's Embedded Metric Format on standard output, which Lambda sends to CloudWatch Logs
 * and CloudWatch turns into the metric {@code <namespace>/EstimatedRunCostDkk} (or
 * {@code SpentRunCostDkk}) with the state machine's name as its dimension. No PutMetricData call, so the function needs no CloudWatch
 * permission and a run never waits for, or fails on, CloudWatch. Off outside Lambda, where the
 * line would only clutter the console.
 */
public final class CostMetric {

    public static final String METRIC = "EstimatedRunCostDkk";
    public static final String SPENT_METRIC = "SpentRunCostDkk";
    public static final String DIMENSION = "StateMachine";
    /** A stand-in used when the state carries no execution ARN (a test, a hand-made state). */
    private static final String UNKNOWN_STATE_MACHINE = "unknown";

    private final boolean enabled;
    private final String namespace;
    private final Consumer<String> standardOutput;
    private final Clock clock;

    /**
     * @param enabled        munin.budget.cost-metric: true in the stack's cost-estimation and write-parquet functions
     * @param namespace      munin.budget.cost-metric-namespace
     * @param standardOutput where the line goes: System.out in Lambda, whose log lines are read as EMF
     */
    public CostMetric(boolean enabled, String namespace, Consumer<String> standardOutput, Clock clock) {
        this.enabled = enabled;
        this.namespace = namespace;
        this.standardOutput = standardOutput;
        this.clock = clock;
    }

    public static CostMetric off() {
        return new CostMetric(false, "", line -> { }, Clock.systemUTC());
    }

    /**
     * @param executionArn the run's $$.Execution.Id (arn:aws:states:region:account:execution:machine:name), or null
     * @param sessionId    kept in the log line (not a dimension: one metric stream per session would cost per session)
     */
    public void record(double estimatedCostDkk, String executionArn, String sessionId) {
        emit(METRIC, estimatedCostDkk, executionArn, sessionId);
    }

    /** What the run spent, by the report's accounting: measured durations and counts x the price table. */
    public void recordSpent(double spentDkk, String executionArn, String sessionId) {
        emit(SPENT_METRIC, spentDkk, executionArn, sessionId);
    }

    private void emit(String metric, double dkk, String executionArn, String sessionId) {
        if (!enabled) {
            return;
        }
        ObjectNode line = Json.object();
        ObjectNode directive = line.putObject("_aws").put("Timestamp", clock.millis()).putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        directive.putArray("Dimensions").addArray().add(DIMENSION);
        directive.putArray("Metrics").addObject().put("Name", metric).put("Unit", "None");
        line.put(DIMENSION, stateMachineName(executionArn));
        line.put(metric, dkk);
        line.put("session_id", sessionId);
        line.put("execution_arn", executionArn);
        standardOutput.accept(Json.write(line));
    }

    /** arn:aws:states:eu-north-1:123456789012:execution:munin-pipeline:run-1 names the machine munin-pipeline. */
    static String stateMachineName(String executionArn) {
        String[] parts = executionArn == null ? new String[0] : executionArn.split(":");
        return parts.length >= 8 && parts[5].equals("execution") ? parts[6] : UNKNOWN_STATE_MACHINE;
    }
}
