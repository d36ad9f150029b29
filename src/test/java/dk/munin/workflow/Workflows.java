package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.state.Json;
import dk.munin.testing.ManualClock;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Shared set-up for the workflow tests: documents, a controlled clock and sleeper, runners. */
public final class Workflows {

    public static final String STATE_MACHINE_ARN = "arn:aws:states:eu-north-1:000000000000:stateMachine:munin-test";
    public static final Instant START = Instant.parse("2024-05-01T10:00:00Z");

    public final ManualClock clock = new ManualClock(START);
    public final RecordingSleeper sleeper = new RecordingSleeper(clock);

    /** The text of a document under src/test/resources/workflow/. */
    public static String document(String name) {
        try (InputStream in = Workflows.class.getResourceAsStream("/workflow/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No test document /workflow/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static StateMachine machine(String json) {
        return StateMachine.parse(json, Map.of());
    }

    /** A runner over a controlled clock and sleeper; Tasks of every resource go to {@code tasks}. */
    AslRunner.Builder runner(StateMachine machine, TaskBinding tasks) {
        AslRunner.Builder builder = AslRunner.builder(machine, STATE_MACHINE_ARN).clock(clock).sleeper(sleeper);
        for (State state : machine.allStates()) {
            if (state instanceof TaskState task) {
                builder.binding(task.resource(), tasks);
            }
        }
        return builder;
    }

    public ExecutionResult run(String definitionJson, String inputJson) {
        return runner(machine(definitionJson), ScriptedTasks.of("{}")).build().run("test-run", Json.parse(inputJson));
    }

    public static List<String> statesEntered(ExecutionResult result) {
        return result.history().stream().map(HistoryEntry::state).toList();
    }

    public static JsonNode json(String text) {
        return Json.parse(text);
    }
}
