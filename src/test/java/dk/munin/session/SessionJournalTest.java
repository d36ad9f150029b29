package dk.munin.session;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.Storage;
import dk.munin.state.Json;
import dk.munin.testing.WorkFolders;
import dk.munin.workflow.ExecutionStatus;
import dk.munin.workflow.HistoryEntry;
import dk.munin.workflow.ResumePoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The journal in a session's work folder, locally and on S3 through the app's camel-aws2-s3 client. */
class SessionJournalTest {

    private static final JsonNode MANIFEST = Json.parse("{\"input_uri\": \"/photos\", \"output_uri\": \"/results\", \"budget_dkk\": 25.0}");
    private static final Instant STARTED = Instant.parse("2026-12-03T08:00:00Z");
    private static WorkFolders folders;
    private static Storage storage;

    @BeforeAll
    static void start() throws Exception {
        folders = WorkFolders.start("session-journal");
        storage = folders.storage();
    }

    @AfterAll
    static void stop() throws Exception {
        folders.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {WorkFolders.LOCAL, WorkFolders.S3})
    void aNewSessionHasNothingToResumeAndAnInterruptedOneResumesAfterItsLastCompletedState(String where) {
        Location work = folders.fresh(where);
        SessionJournal first = SessionJournal.open(storage, work, MANIFEST);
        assertThat(first.resumePoint()).isEmpty();

        first.stateCompleted(point("GuardBudget", "Stage0Exif", 1));
        first.stateCompleted(point("Stage0Exif", "CostEstimation", 2));
        first.stateCompleted(point("CostEstimation", "SubmitBatchStage1", 3));

        SessionJournal resumed = SessionJournal.open(storage, work, MANIFEST);
        ResumePoint point = resumed.resumePoint().orElseThrow();
        assertThat(point.completedState()).isEqualTo("CostEstimation");
        assertThat(point.nextState()).isEqualTo("SubmitBatchStage1");
        assertThat(point.nextInput()).isEqualTo(Json.parse("{\"after\": \"CostEstimation\"}"));
        assertThat(point.history()).isEqualTo(point("CostEstimation", "SubmitBatchStage1", 3).history());
        assertThat(point.executionInput()).isEqualTo(MANIFEST);
        assertThat(point.startDate()).isEqualTo(STARTED);
        assertThat(storage.list(work.resolve(SessionJournal.FOLDER))).extracting(o -> o.location().name())
                .containsExactly("0001-GuardBudget.json", "0002-Stage0Exif.json", "0003-CostEstimation.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {WorkFolders.LOCAL, WorkFolders.S3})
    void aRunThatEndsClearsTheJournalAndACancelledOneKeepsIt(String where) {
        Location work = folders.fresh(where);
        SessionJournal journal = SessionJournal.open(storage, work, MANIFEST);
        journal.stateCompleted(point("GuardBudget", "Stage0Exif", 1));

        journal.executionEnded(ExecutionStatus.ABORTED);
        assertThat(SessionJournal.open(storage, work, MANIFEST).resumePoint()).isPresent();

        journal.executionEnded(ExecutionStatus.FAILED);
        assertThat(SessionJournal.open(storage, work, MANIFEST).resumePoint()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {WorkFolders.LOCAL, WorkFolders.S3})
    void anotherManifestUnderTheSameSessionStartsOverAndSaysWhy(String where) {
        Location work = folders.fresh(where);
        SessionJournal.open(storage, work, MANIFEST).stateCompleted(point("GuardBudget", "Stage0Exif", 1));

        SessionJournal other = SessionJournal.open(storage, work, Json.parse("{\"input_uri\": \"/other-photos\"}"));

        assertThat(other.resumePoint()).isEmpty();
        assertThat(other.startOverReason()).hasValue("the manifest differs from the one of the interrupted run local-20261203T080000Z,"
                + " so the session starts over");
        assertThat(SessionJournal.open(storage, work, MANIFEST).resumePoint()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {WorkFolders.LOCAL, WorkFolders.S3})
    void restartForgetsTheProgress(String where) {
        Location work = folders.fresh(where);
        SessionJournal.open(storage, work, MANIFEST).stateCompleted(point("GuardBudget", "Stage0Exif", 1));

        SessionJournal.clear(storage, work);

        assertThat(SessionJournal.open(storage, work, MANIFEST).resumePoint()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {WorkFolders.LOCAL, WorkFolders.S3})
    void anEntryThatCannotBeReadIsReportedWithTheWayOut(String where) {
        Location work = folders.fresh(where);
        Location entry = work.resolve(SessionJournal.FOLDER + "0001-GuardBudget.json");
        storage.write(entry, "{\"format\": \"something-else/9\"}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> SessionJournal.open(storage, work, MANIFEST))
                .isInstanceOf(SessionJournal.JournalUnreadable.class)
                .hasMessage("The session's journal entry " + entry + " cannot be read (format 'something-else/9', expected "
                        + SessionJournal.FORMAT + "); run with --restart to start the session over");
    }

    /** After {@code states} states, of which the last is {@code completed}. */
    private static ResumePoint point(String completed, String next, int states) {
        List<HistoryEntry> history = new ArrayList<>();
        for (int i = 0; i < states; i++) {
            Instant entered = STARTED.plusSeconds(10L * i);
            history.add(new HistoryEntry(i == states - 1 ? completed : "State" + i, "Task", entered, entered.plusSeconds(9),
                    i == 0 ? "caught" : "succeeded", i == 0 ? "States.Timeout" : null, i + 1));
        }
        return new ResumePoint("local-20261203T080000Z", STARTED, MANIFEST, completed, next,
                Json.parse("{\"after\": \"" + completed + "\"}"), history);
    }
}
