package dk.munin.budget;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.state.Json;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The cost metric's log line, in CloudWatch's Embedded Metric Format specification's shape. */
class CostMetricTest {

    private final List<String> lines = new ArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void oneLineDeclaresTheMetricWithTheStateMachineAsItsDimension() {
        new CostMetric(true, "Munin", lines::add, clock)
                .record(12.5, "arn:aws:states:eu-north-1:123456789012:execution:munin-pipeline:sabah-2009-3f9c1a2b4d5e", "run-1");

        assertThat(lines).hasSize(1);
        JsonNode line = Json.parse(lines.get(0));
        assertThat(line.at("/_aws/Timestamp").asLong()).isEqualTo(clock.millis());
        JsonNode directive = line.at("/_aws/CloudWatchMetrics/0");
        assertThat(directive.get("Namespace").asText()).isEqualTo("Munin");
        assertThat(directive.get("Dimensions")).isEqualTo(Json.parse("[[\"StateMachine\"]]"));
        assertThat(directive.get("Metrics")).isEqualTo(Json.parse("[{\"Name\": \"EstimatedRunCostDkk\", \"Unit\": \"None\"}]"));
        // every dimension and metric the directive names is a top-level member of the same line
        assertThat(line.get("StateMachine").asText()).isEqualTo("munin-pipeline");
        assertThat(line.get("EstimatedRunCostDkk").asDouble()).isEqualTo(12.5);
        assertThat(line.get("session_id").asText()).isEqualTo("run-1");
        assertThat(lines.get(0)).doesNotContain("\n");
    }

    @Test
    void whatTheRunSpentIsAMetricOfItsOwn() {
        new CostMetric(true, "Munin", lines::add, clock)
                .recordSpent(0.75, "arn:aws:states:eu-north-1:123456789012:execution:munin-pipeline:s1", "run-1");

        JsonNode line = Json.parse(lines.get(0));
        assertThat(line.at("/_aws/CloudWatchMetrics/0/Metrics")).isEqualTo(Json.parse("[{\"Name\": \"SpentRunCostDkk\", \"Unit\": \"None\"}]"));
        assertThat(line.get("SpentRunCostDkk").asDouble()).isEqualTo(0.75);
        assertThat(line.has("EstimatedRunCostDkk")).isFalse();
    }

    @Test
    void offItWritesNothing() {
        new CostMetric(false, "Munin", lines::add, clock).record(12.5, null, "run-1");

        assertThat(lines).isEmpty();
    }

    @Test
    void anExecutionIdThatIsNoExecutionArnGivesAnUnknownStateMachine() {
        assertThat(CostMetric.stateMachineName("arn:aws:states:eu-north-1:000000000000:execution:munin-pipeline:s1")).isEqualTo("munin-pipeline");
        assertThat(CostMetric.stateMachineName("cross-check")).isEqualTo("unknown");
        assertThat(CostMetric.stateMachineName(null)).isEqualTo("unknown");
    }
}
