package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.state.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dk.munin.workflow.Workflows.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An execution whose process died part-way continues, in a new runner, from the journal's last
 * completed state: the states before it are not run again, and the outcome, the context object
 * the states see and the history are those of an execution that never stopped.
 */
class ResumeTest {

    private static final String DEFINITION = """
            {"StartAt": "ReadPhotos", "States": {
              "ReadPhotos": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"Payload.$": "$"},
                             "ResultSelector": {"photos.$": "$.Payload.photos"}, "ResultPath": "$.read", "Next": "Detect"},
              "Detect": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                         "Parameters": {"Payload": {"photos.$": "$.read.photos", "name.$": "$$.Execution.Name",
                                                    "started.$": "$$.Execution.StartTime", "input.$": "$$.Execution.Input"}},
                         "ResultSelector": {"boxes.$": "$.Payload.boxes", "seen.$": "$.Payload.seen"}, "ResultPath": "$.detect", "Next": "Wait"},
              "Wait": {"Type": "Pass", "Result": "done", "ResultPath": "$.waited", "Next": "Write"},
              "Write": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"Payload.$": "$"},
                        "OutputPath": "$.Payload", "End": true}}}""";

    private final Workflows workflows = new Workflows();
    private final List<String> invoked = new ArrayList<>();
    private boolean crashInDetect;

    private final TaskBinding stages = request -> {
        invoked.add(request.state());
        JsonNode payload = request.parameters().path("Payload");
        return switch (request.state()) {
            case "ReadPhotos" -> json("{\"Payload\": {\"photos\": 3}}");
            case "Detect" -> {
                if (crashInDetect) {
                    throw new ProcessKilled();
                }
                yield json("{\"Payload\": {\"boxes\": " + payload.path("photos").asInt() * 2 + ", \"seen\": "
                        + Json.write(payload) + "}}");
            }
            default -> json("{\"Payload\": " + Json.write(payload) + "}");
        };
    };

    @Test
    void aRunKilledInAStateContinuesThereAndEndsAsAnUninterruptedRunWould() {
        ExecutionResult uninterrupted = runner().run("field-season", json("{\"input_uri\": \"/photos\"}"));
        invoked.clear();

        Journal journal = new Journal();
        crashInDetect = true;
        assertThatThrownBy(() -> runner().run("field-season", json("{\"input_uri\": \"/photos\"}"), journal))
                .isInstanceOf(ProcessKilled.class);
        assertThat(journal.points).extracting(ResumePoint::completedState).containsExactly("ReadPhotos");
        assertThat(journal.ended).isNull();

        invoked.clear();
        crashInDetect = false;
        workflows.clock.advance(Duration.ofHours(2));
        ExecutionResult resumed = runner().run("a-new-name", json("{\"ignored\": true}"), journal.continuing());

        assertThat(invoked).containsExactly("Detect", "Write");
        assertThat(resumed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(resumed.output()).isEqualTo(uninterrupted.output());
        assertThat(resumed.executionName()).isEqualTo("field-season");
        assertThat(resumed.startDate()).isEqualTo(Workflows.START);
        assertThat(Workflows.statesEntered(resumed)).containsExactly("ReadPhotos", "Detect", "Wait", "Write");
        assertThat(resumed.history().get(0)).isEqualTo(uninterrupted.history().get(0));
        assertThat(journal.ended).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void eachCompletedStateIsJournalledWithTheNextStateAndItsInput() {
        Journal journal = new Journal();
        runner().run("field-season", json("{\"input_uri\": \"/photos\"}"), journal);

        assertThat(journal.points).extracting(ResumePoint::completedState).containsExactly("ReadPhotos", "Detect", "Wait");
        assertThat(journal.points).extracting(ResumePoint::nextState).containsExactly("Detect", "Wait", "Write");
        ResumePoint afterWait = journal.points.get(2);
        assertThat(afterWait.nextInput().path("waited").asText()).isEqualTo("done");
        assertThat(afterWait.history()).hasSize(3);
        assertThat(afterWait.executionInput()).isEqualTo(json("{\"input_uri\": \"/photos\"}"));
    }

    @Test
    void aPointAtAStateTheDefinitionNoLongerHasIsRefused() {
        Journal journal = new Journal();
        journal.points.add(new ResumePoint("old-run", Workflows.START, json("{}"), "ReadPhotos", "RenamedState", json("{}"), List.of()));

        assertThatThrownBy(() -> runner().run("new", json("{}"), journal.continuing()))
                .isInstanceOf(CannotResume.class)
                .hasMessage("Cannot resume execution old-run: its next state RenamedState is not in the definition");
        assertThat(invoked).isEmpty();
    }

    /** A new runner each time: as a new process, it knows nothing of the earlier execution but the journal. */
    private AslRunner runner() {
        return workflows.runner(Workflows.machine(DEFINITION), stages).build();
    }

    /** As SIGKILL: nothing after it runs, no Catch, no end of the execution. */
    private static final class ProcessKilled extends Error {
    }

    private static final class Journal implements ExecutionJournal {

        final List<ResumePoint> points = new ArrayList<>();
        ExecutionStatus ended;
        private boolean resume;

        Journal continuing() {
            resume = true;
            return this;
        }

        @Override
        public Optional<ResumePoint> resumePoint() {
            return resume && !points.isEmpty() ? Optional.of(points.get(points.size() - 1)) : Optional.empty();
        }

        @Override
        public void stateCompleted(ResumePoint point) {
            points.add(point);
        }

        @Override
        public void executionEnded(ExecutionStatus status) {
            ended = status;
        }
    }
}
