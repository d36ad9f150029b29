package dk.munin.output.camtrapdp;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The four files of a package, made from the caller's rows one row at a time: each row is checked
 * and written to its table's file in a local folder, and any problem refuses the whole package,
 * so the caller uploads nothing half-right. The media go first and the deployments after them
 * (a deployment's window may come from its media), then the observations; datapackage.json,
 * made from what the rows showed, is left to the caller.
 *
 * <p>Across rows only this is kept: the deployments and their media's windows (few); per media
 * file its id (the caller's String, not a copy), its deployment and its time, for the
 * observations' foreign key and event times ({@link Photo}); the observation IDs as 64-bit hashes
 * ({@link ObservationIds}); the scientific names and levels used; and the rows left out and the
 * problems found, both capped.
 */
final class PackageContents {

    /** media.fileMediatype's pattern in the 1.0.2 schema. */
    private static final Pattern MEDIATYPE = Pattern.compile("^(image|video|audio)/.*$");
    /** Camtrap DP separates the values of a list column with '|' (and writes ' | ' between them). */
    private static final String LIST_SEPARATOR = " | ";

    int deployments;
    int media;
    int observations;
    ObjectNode descriptor;
    final LeftOutRows leftOut = new LeftOutRows();
    final List<String> windowsFromMedia = new ArrayList<>();

    private final Problems problems = new Problems();
    private Map<String, CamtrapDpDeployment> deploymentsById;
    private Set<CamtrapDpMedia.CaptureMethod> methods;
    /** Every media file given, also those left out, so an observation of one is left out rather than refused. */
    private final Map<String, Photo> mediaById = new HashMap<>();
    private final Map<String, Window> mediaWindows = new HashMap<>();
    private final List<Coverage.Placed> placed = new ArrayList<>();
    private final ObservationIds observationIds = new ObservationIds();
    private final Set<String> scientificNames = new HashSet<>();
    private final Set<CamtrapDpObservation.Level> levels = EnumSet.noneOf(CamtrapDpObservation.Level.class);

    private PackageContents() {
    }

    /**
     * Writes deployments.csv, media.csv and observations.csv into {@code folder}, iterating
     * {@code mediaRows} once and then {@code observationRows} once.
     *
     * @throws InvalidCamtrapDpInput naming every problem found, after all rows were read
     */
    static PackageContents write(Path folder, CamtrapDpProject project, List<CamtrapDpDeployment> deploymentRows,
                                 Iterable<CamtrapDpMedia> mediaRows, Iterable<CamtrapDpObservation> observationRows)
            throws IOException {
        PackageContents contents = new PackageContents();
        contents.writeTables(folder, project, deploymentRows, mediaRows, observationRows);
        return contents;
    }

    private void writeTables(Path folder, CamtrapDpProject project, List<CamtrapDpDeployment> deploymentRows,
                             Iterable<CamtrapDpMedia> mediaRows, Iterable<CamtrapDpObservation> observationRows)
            throws IOException {
        Descriptor.check(project, problems);
        deploymentsById = deploymentsById(deploymentRows);
        methods = project == null ? Set.of() : new HashSet<>(project.captureMethod());
        try (CsvTable table = new CsvTable(CamtrapDp.Table.MEDIA, folder, problems)) {
            int index = 0;
            for (CamtrapDpMedia m : mediaRows) {
                addMedia(table, m, index++);
            }
            media = table.size();
        }
        try (CsvTable table = new CsvTable(CamtrapDp.Table.DEPLOYMENTS, folder, problems)) {
            deploymentsById.values().forEach(d -> addDeployment(table, d, mediaWindows.get(d.deploymentID())));
            deployments = table.size();
        }
        try (CsvTable table = new CsvTable(CamtrapDp.Table.OBSERVATIONS, folder, problems)) {
            int index = 0;
            for (CamtrapDpObservation o : observationRows) {
                addObservation(table, o, index++);
            }
            observations = table.size();
        }
        problems.throwIfAny();
        descriptor = Descriptor.of(project, levels, placed, scientificNames);
    }

    /**
     * What an observation needs of its media file, in 32 bytes: its deployment (the deployment's
     * own ID String when it is one given, so no String is kept per file) and its time as numbers,
     * as the caller's OffsetDateTime would keep its date and time objects too (96 bytes).
     */
    private record Photo(String deploymentID, long epochSecond, int nano, int offsetSeconds) {

        /** No offset is this many seconds (they are within ±18 hours): the time is not known. */
        private static final int UNTIMED = Integer.MIN_VALUE;

        static Photo of(String deploymentID, OffsetDateTime timestamp) {
            return timestamp == null ? new Photo(deploymentID, 0, 0, UNTIMED)
                    : new Photo(deploymentID, timestamp.toEpochSecond(), timestamp.getNano(), timestamp.getOffset().getTotalSeconds());
        }

        /** The time as the caller gave it, instant and offset; null when not known. */
        OffsetDateTime timestamp() {
            return offsetSeconds == UNTIMED ? null
                    : OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSecond, nano), ZoneOffset.ofTotalSeconds(offsetSeconds));
        }
    }

    /** The first and last timestamp of a deployment's media. */
    private record Window(OffsetDateTime first, OffsetDateTime last) {

        Window widen(OffsetDateTime t) {
            return new Window(t.isBefore(first) ? t : first, t.isAfter(last) ? t : last);
        }
    }

    private Map<String, CamtrapDpDeployment> deploymentsById(List<CamtrapDpDeployment> rows) {
        Map<String, CamtrapDpDeployment> byId = new LinkedHashMap<>();
        if (rows.isEmpty()) {
            problems.add("deployments", "none given; a package needs at least one (its coverage is theirs)");
        }
        for (int i = 0; i < rows.size(); i++) {
            CamtrapDpDeployment d = rows.get(i);
            if (d == null || Cells.blank(d.deploymentID())) {
                problems.add("deployment " + (i + 1), "has no deploymentID");
            } else if (byId.putIfAbsent(d.deploymentID(), d) != null) {
                problems.add("deployment '" + d.deploymentID() + "'", "deploymentID is given twice");
            }
        }
        return byId;
    }

    private void addMedia(CsvTable table, CamtrapDpMedia m, int index) {
        if (m == null || Cells.blank(m.mediaID())) {
            problems.add("media " + (index + 1), "has no mediaID");
            return;
        }
        String where = "media '" + m.mediaID() + "'";
        CamtrapDpDeployment deployment = deploymentsById.get(m.deploymentID());
        String deploymentId = deployment == null ? m.deploymentID() : deployment.deploymentID();
        if (mediaById.putIfAbsent(m.mediaID(), Photo.of(deploymentId, m.timestamp())) != null) {
            problems.add(where, "mediaID is given twice");
            return;
        }
        if (deployment == null) {
            problems.add(where, "deploymentID '" + m.deploymentID() + "' is not one of the deployments given");
        }
        if (m.timestamp() == null) {
            String reason = "its time is not known, and Camtrap DP requires media.timestamp";
            leftOut.add(CamtrapDp.Table.MEDIA, m.mediaID(), reason, reason);
            return;
        }
        if (deployment != null) {
            mediaWindows.merge(deploymentId, new Window(m.timestamp(), m.timestamp()), (w, n) -> w.widen(m.timestamp()));
        }
        if (Cells.blank(m.filePath())) {
            problems.add(where, "has no filePath, which Camtrap DP requires");
        } else if (!CamtrapDp.FRICTIONLESS_PATH.matcher(m.filePath()).matches()) {
            problems.add(where, "filePath '" + m.filePath() + "' is neither a URL nor a path relative to the package"
                    + " (it must not start with '.', '/' or '~' nor hold '..')");
        }
        if (m.fileMediatype() == null || !MEDIATYPE.matcher(m.fileMediatype()).matches()) {
            problems.add(where, "fileMediatype '" + m.fileMediatype() + "' is not an image/, video/ or audio/ media type");
        }
        if (m.captureMethod() != null && !methods.contains(m.captureMethod())) {
            problems.add(where, "captureMethod " + m.captureMethod().term() + " is not among the project's captureMethod");
        }
        table.row(where)
                .set("mediaID", m.mediaID())
                .set("deploymentID", m.deploymentID())
                .set("captureMethod", m.captureMethod() == null ? null : m.captureMethod().term())
                .set("timestamp", time(where, "timestamp", m.timestamp()))
                .set("filePath", m.filePath())
                .set("filePublic", Cells.bool(m.filePublic()))
                .set("fileName", m.fileName())
                .set("fileMediatype", m.fileMediatype())
                .set("mediaComments", m.mediaComments())
                .write();
    }

    private void addDeployment(CsvTable table, CamtrapDpDeployment d, Window media) {
        String where = "deployment '" + d.deploymentID() + "'";
        boolean located = d.latitude() != null && d.longitude() != null;
        if (!located) {
            problems.add(where, "has no latitude and longitude; Camtrap DP requires both, and Munin does not guess a position");
        } else {
            checkRange(where, "latitude", d.latitude(), -90, 90);
            checkRange(where, "longitude", d.longitude(), -180, 180);
        }
        if (d.coordinateUncertainty() != null && d.coordinateUncertainty() < 1) {
            problems.add(where, "coordinateUncertainty " + d.coordinateUncertainty() + " is below 1 (metres)");
        }
        OffsetDateTime start = d.deploymentStart() != null ? d.deploymentStart() : media == null ? null : media.first();
        OffsetDateTime end = d.deploymentEnd() != null ? d.deploymentEnd() : media == null ? null : media.last();
        if (start == null || end == null) {
            problems.add(where, "has no " + (start == null ? "deploymentStart" : "deploymentEnd")
                    + " and no media with a timestamp to take it from; Camtrap DP requires both");
            return;
        }
        if (d.deploymentStart() == null || d.deploymentEnd() == null) {
            windowsFromMedia.add(d.deploymentID());
        }
        if (end.isBefore(start)) {
            problems.add(where, "deploymentEnd " + Cells.datetime(end) + " is before deploymentStart " + Cells.datetime(start));
        }
        if (located) {
            placed.add(new Coverage.Placed(d.latitude(), d.longitude(), start, end));
        }
        table.row(where)
                .set("deploymentID", d.deploymentID())
                .set("locationID", d.locationID())
                .set("locationName", d.locationName())
                .set("latitude", Cells.number(d.latitude()))
                .set("longitude", Cells.number(d.longitude()))
                .set("coordinateUncertainty", Cells.integer(d.coordinateUncertainty()))
                .set("deploymentStart", time(where, "deploymentStart", start))
                .set("deploymentEnd", time(where, "deploymentEnd", end))
                .set("cameraID", d.cameraID())
                .set("cameraModel", d.cameraModel())
                .set("timestampIssues", Cells.bool(d.timestampIssues()))
                .set("deploymentComments", d.deploymentComments())
                .write();
    }

    private void addObservation(CsvTable table, CamtrapDpObservation o, int index) {
        if (o == null || Cells.blank(o.observationID())) {
            problems.add("observation " + (index + 1), "has no observationID");
            return;
        }
        String where = "observation '" + o.observationID() + "'";
        if (!observationIds.add(o.observationID())) {
            problems.add(where, "observationID is given twice");
            return;
        }
        if (!deploymentsById.containsKey(o.deploymentID())) {
            problems.add(where, "deploymentID '" + o.deploymentID() + "' is not one of the deployments given");
        }
        if (o.observationLevel() == null || o.observationType() == null) {
            problems.add(where, "needs an observationLevel and an observationType, which Camtrap DP requires");
            return;
        }
        OffsetDateTime start = o.eventStart();
        OffsetDateTime end = o.eventEnd();
        if (o.observationLevel() == CamtrapDpObservation.Level.MEDIA) {
            Photo photo = Cells.blank(o.mediaID()) ? null : mediaById.get(o.mediaID());
            if (photo == null) {
                problems.add(where, Cells.blank(o.mediaID()) ? "is media-level but has no mediaID"
                        : "mediaID '" + o.mediaID() + "' is not one of the media given");
                return;
            }
            if (!Objects.equals(photo.deploymentID(), o.deploymentID())) {
                problems.add(where, "deploymentID '" + o.deploymentID() + "' is not the deployment of its media '"
                        + o.mediaID() + "' ('" + photo.deploymentID() + "')");
            }
            OffsetDateTime taken = photo.timestamp();
            if (taken == null) {
                leftOut.add(CamtrapDp.Table.OBSERVATIONS, o.observationID(), "its media is left out, its time not being known",
                        "its media '" + o.mediaID() + "' is left out, its time not being known");
                return;
            }
            start = start == null ? taken : start;
            end = end == null ? taken : end;
        } else {
            if (!Cells.blank(o.mediaID())) {
                problems.add(where, "is event-level but has mediaID '" + o.mediaID()
                        + "'; Camtrap DP links only media-level observations to a media file");
            }
            if (o.bbox() != null) {
                problems.add(where, "is event-level but has a bounding box, which belongs to one media file");
            }
            if (start == null || end == null) {
                problems.add(where, "is event-level and needs its eventStart and eventEnd, which Camtrap DP requires");
                return;
            }
        }
        if (end.isBefore(start)) {
            problems.add(where, "eventEnd " + Cells.datetime(end) + " is before eventStart " + Cells.datetime(start));
        }
        if (o.count() != null && o.count() < 1) {
            problems.add(where, "count " + o.count() + " is below 1");
        }
        if (o.classificationProbability() != null) {
            checkRange(where, "classificationProbability", o.classificationProbability(), 0, 1);
        }
        CamtrapDpObservation.Box box = o.bbox();
        if (box != null) {
            checkRange(where, "bboxX", box.x(), 0, 1);
            checkRange(where, "bboxY", box.y(), 0, 1);
            checkSize(where, "bboxWidth", box.width());
            checkSize(where, "bboxHeight", box.height());
        }
        for (String tag : o.observationTags()) {
            if (Cells.blank(tag) || tag.contains("|")) {
                problems.add(where, "observation tag '" + tag + "' is empty or holds '|', Camtrap DP's list separator");
            }
        }
        String scientificName = Cells.blank(o.scientificName()) ? null : o.scientificName();
        if (scientificName != null) {
            scientificNames.add(scientificName);
        }
        levels.add(o.observationLevel());
        table.row(where)
                .set("observationID", o.observationID())
                .set("deploymentID", o.deploymentID())
                .set("mediaID", o.observationLevel() == CamtrapDpObservation.Level.MEDIA ? o.mediaID() : null)
                .set("eventID", o.eventID())
                .set("eventStart", time(where, "eventStart", start))
                .set("eventEnd", time(where, "eventEnd", end))
                .set("observationLevel", o.observationLevel().term())
                .set("observationType", o.observationType().term())
                .set("scientificName", scientificName)
                .set("count", Cells.integer(o.count()))
                .set("bboxX", box == null ? null : Cells.number(box.x()))
                .set("bboxY", box == null ? null : Cells.number(box.y()))
                .set("bboxWidth", box == null ? null : Cells.number(box.width()))
                .set("bboxHeight", box == null ? null : Cells.number(box.height()))
                .set("classificationMethod", o.classificationMethod() == null ? null : o.classificationMethod().term())
                .set("classifiedBy", o.classifiedBy())
                .set("classificationTimestamp", time(where, "classificationTimestamp", o.classificationTimestamp()))
                .set("classificationProbability", Cells.number(o.classificationProbability()))
                .set("observationTags", o.observationTags().isEmpty() ? null : String.join(LIST_SEPARATOR, o.observationTags()))
                .set("observationComments", o.observationComments())
                .write();
    }

    /**
     * The time as the tables write it. An offset with seconds (a historical local mean time) has
     * no {@code %z} spelling that readers take, so it is refused rather than rounded.
     */
    private String time(String where, String field, OffsetDateTime time) {
        if (time != null && time.getOffset().getTotalSeconds() % 60 != 0) {
            problems.add(where, field + " has the offset " + time.getOffset() + ", which is not in whole minutes");
        }
        return Cells.datetime(time);
    }

    private void checkRange(String where, String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            problems.add(where, field + " " + value + " is not between " + Cells.number(min) + " and " + Cells.number(max));
        }
    }

    /** Box sizes: above 0 (the schema's minimum is 1e-15) and at most 1. */
    private void checkSize(String where, String field, double value) {
        if (!(value > 0 && value <= 1)) {
            problems.add(where, field + " " + value + " is not above 0 and at most 1");
        }
    }
}
