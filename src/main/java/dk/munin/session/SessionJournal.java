package dk.munin.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectNotFound;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.contract.storage.StoredObject;
import dk.munin.state.Json;
import dk.munin.workflow.ExecutionJournal;
import dk.munin.workflow.ExecutionStatus;
import dk.munin.workflow.HistoryEntry;
import dk.munin.workflow.ResumePoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The embedded runner's journal of a session, in its work folder
 * ({@code <output_uri>/_work/<session_id>/execution/}): one JSON object per completed state,
 * {@code 0003-CostEstimation.json}, holding the state's output and the history so far, each
 * written atomically. A run killed at any point leaves the journal as of its last completed
 * state; the next `munin run` of the session continues from there (docs/resume.md).
 *
 * <p>A journal is resumed only by a run of the same manifest: another manifest under the same
 * session id starts over, and the run is told why. A run that ends, in success or failure,
 * clears the journal; a cancelled one (Ctrl-C) keeps it, as a kill would.
 */
public final class SessionJournal implements ExecutionJournal {

    static final String FOLDER = "execution/";
    static final String FORMAT = "munin-execution-journal/1";

    private final ObjectStore storage;
    private final Location folder;
    private final ResumePoint resumePoint;
    private final String startOverReason;

    private SessionJournal(ObjectStore storage, Location folder, ResumePoint resumePoint, String startOverReason) {
        this.storage = storage;
        this.folder = folder;
        this.resumePoint = resumePoint;
        this.startOverReason = startOverReason;
    }

    /**
     * The journal of the session whose work folder this is, for a run of {@code manifest}. An
     * earlier run's journal of another manifest is cleared here, so the two never mix.
     */
    public static SessionJournal open(ObjectStore storage, Location workFolder, JsonNode manifest) {
        Location folder = workFolder.resolve(FOLDER);
        Optional<StoredObject> last = entries(storage, folder).stream().reduce((first, second) -> second);
        if (last.isEmpty()) {
            return new SessionJournal(storage, folder, null, null);
        }
        ResumePoint point = read(storage, last.get().location());
        if (!point.executionInput().equals(manifest)) {
            storage.deleteAll(folder);
            return new SessionJournal(storage, folder, null, "the manifest differs from the one of the interrupted run "
                    + point.executionName() + ", so the session starts over");
        }
        return new SessionJournal(storage, folder, point, null);
    }

    /** The journal's entries in the order they were written (their names start with the state's number). */
    private static List<StoredObject> entries(ObjectStore storage, Location folder) {
        try {
            return storage.list(folder.asFolder()).stream().filter(object -> object.location().name().endsWith(".json")).toList();
        } catch (ObjectNotFound noJournalYet) {
            return List.of();
        }
    }

    /** Forgets the session's progress (`munin run --restart`). */
    public static void clear(ObjectStore storage, Location workFolder) {
        storage.deleteAll(workFolder.resolve(FOLDER));
    }

    @Override
    public Optional<ResumePoint> resumePoint() {
        return Optional.ofNullable(resumePoint);
    }

    /** Why an existing journal was not resumed, when it was not; for the user to read. */
    public Optional<String> startOverReason() {
        return Optional.ofNullable(startOverReason);
    }

    @Override
    public void stateCompleted(ResumePoint point) {
        String name = String.format(Locale.ROOT, "%04d-%s.json", point.history().size(), point.completedState());
        storage.write(folder.resolve(name), Json.writePretty(toJson(point)));
    }

    /**
     * Oldest entry first: a run killed while it clears its journal leaves the newest entries, so
     * the next run goes on from the end (to Success at once) rather than from some earlier state.
     */
    @Override
    public void executionEnded(ExecutionStatus status) {
        if (status != ExecutionStatus.ABORTED) {
            entries(storage, folder).forEach(entry -> storage.delete(entry.location()));
            storage.removeIfEmpty(folder);
        }
    }

    private static ObjectNode toJson(ResumePoint point) {
        ObjectNode json = Json.object().put("format", FORMAT)
                .put("execution_name", point.executionName())
                .put("start_date", point.startDate().toString())
                .put("completed_state", point.completedState())
                .put("next_state", point.nextState());
        json.set("execution_input", point.executionInput());
        json.set("next_input", point.nextInput());
        ArrayNode history = json.putArray("history");
        for (HistoryEntry entry : point.history()) {
            history.addObject().put("state", entry.state()).put("type", entry.type())
                    .put("entered", entry.entered().toString())
                    .put("exited", entry.exited() == null ? null : entry.exited().toString())
                    .put("outcome", entry.outcome()).put("error", entry.error()).put("attempts", entry.attempts());
        }
        return json;
    }

    private static ResumePoint read(ObjectStore storage, Location entry) {
        JsonNode json;
        try {
            json = Json.parse(storage.read(entry));
        } catch (RuntimeException e) {
            throw new JournalUnreadable(entry, e.getMessage());
        }
        if (!FORMAT.equals(json.path("format").asText())) {
            throw new JournalUnreadable(entry, "format '" + json.path("format").asText() + "', expected " + FORMAT);
        }
        List<HistoryEntry> history = new ArrayList<>();
        for (JsonNode item : json.path("history")) {
            history.add(new HistoryEntry(item.path("state").asText(), item.path("type").asText(), Instant.parse(item.path("entered").asText()),
                    item.path("exited").isTextual() ? Instant.parse(item.path("exited").asText()) : null,
                    item.path("outcome").asText(), item.path("error").isTextual() ? item.path("error").asText() : null,
                    item.path("attempts").asInt()));
        }
        return new ResumePoint(json.path("execution_name").asText(), Instant.parse(json.path("start_date").asText()),
                json.path("execution_input"), json.path("completed_state").asText(), json.path("next_state").asText(),
                json.path("next_input"), history);
    }

    /** A journal entry that cannot be read back: the user decides whether to start over. */
    public static final class JournalUnreadable extends RuntimeException {

        JournalUnreadable(Location entry, String reason) {
            super("The session's journal entry " + entry + " cannot be read (" + reason + "); run with --restart to start the session over");
        }
    }
}
