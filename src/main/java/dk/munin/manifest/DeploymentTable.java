package dk.munin.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.manifest.InvalidManifest;
import dk.munin.state.RunState;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The manifest's optional {@code deployments} table (docs/manifest.md), and how a photo finds
 * its deployment (docs/time-correction.md):
 * <ol>
 *   <li>the candidates are the deployments whose named identity fields (station, camera,
 *       serial_number, user_label) all equal the photo's;</li>
 *   <li>one candidate: that is the photo's deployment, whatever its time (a time outside the
 *       window is flagged, not re-assigned);</li>
 *   <li>several candidates (a camera moved, a station re-used): the one whose window contains
 *       the photo's time after that deployment's own corrections; none or more than one of
 *       them is ambiguous, and the photo gets no deployment.</li>
 * </ol>
 * The same parsing validates the manifest in GuardBudget and reads it in Stage-0, so both
 * agree; every refusal names the field, e.g. {@code deployments[2].time_zone}.
 */
public final class DeploymentTable {

    public static final String DEPLOYMENT_ID = "deployment_id";
    public static final String STATION = "station";
    public static final String CAMERA = "camera";
    public static final String SERIAL_NUMBER = "serial_number";
    public static final String USER_LABEL = "user_label";
    public static final String LATITUDE = "latitude";
    public static final String LONGITUDE = "longitude";
    public static final String TIME_ZONE = "time_zone";
    public static final String START = "start";
    public static final String END = "end";
    public static final String TIME_CORRECTIONS = "time_corrections";
    public static final List<String> DEPLOYMENT_FIELDS = List.of(DEPLOYMENT_ID, STATION, CAMERA, SERIAL_NUMBER, USER_LABEL,
            LATITUDE, LONGITUDE, TIME_ZONE, START, END, TIME_CORRECTIONS);
    public static final String TYPE = "type";
    public static final String OFFSET = "offset";
    public static final String DRIFT = "drift";
    public static final String SETUP = "setup";
    public static final String COLLECTION = "collection";
    public static final String CAMERA_TIME = "camera_time";
    public static final String TRUE_TIME = "true_time";
    public static final List<String> OFFSET_FIELDS = List.of(TYPE, OFFSET);
    public static final List<String> DRIFT_FIELDS = List.of(TYPE, SETUP, COLLECTION);
    public static final List<String> REFERENCE_FIELDS = List.of(CAMERA_TIME, TRUE_TIME);
    private static final int MAX_ID_LENGTH = 128;

    private static final DeploymentTable EMPTY = new DeploymentTable(List.of());

    private final List<Deployment> deployments;

    private DeploymentTable(List<Deployment> deployments) {
        this.deployments = deployments;
    }

    public static DeploymentTable empty() {
        return EMPTY;
    }

    /** The limits a manifest's table must respect (munin.manifest.* settings). */
    public record Limits(int maxDeployments, double maxClockDriftPpm) {
    }

    /**
     * @param table        the manifest's {@code deployments} value; missing or null is an empty table
     * @param manifestZone the manifest's time_zone, for deployments that name none
     * @throws InvalidManifest naming the field and the reason
     */
    public static DeploymentTable parse(JsonNode table, ZoneId manifestZone, Limits limits) {
        if (table == null || table.isMissingNode() || table.isNull()) {
            return EMPTY;
        }
        if (!table.isArray()) {
            throw new InvalidManifest(RunState.DEPLOYMENTS, "must be a list of deployments, got " + Quoted.value(table));
        }
        if (table.size() > limits.maxDeployments()) {
            throw new InvalidManifest(RunState.DEPLOYMENTS, "has " + table.size() + " deployments; at most " + limits.maxDeployments()
                    + " fit in a run (munin.manifest.max-deployments)");
        }
        List<Deployment> deployments = new ArrayList<>();
        Map<String, String> idsSeen = new HashMap<>();
        for (int i = 0; i < table.size(); i++) {
            String path = RunState.DEPLOYMENTS + "[" + i + "]";
            Deployment deployment = deployment(table.get(i), path, manifestZone, limits);
            String earlier = idsSeen.putIfAbsent(deployment.id(), path);
            if (earlier != null) {
                throw new InvalidManifest(path + "." + DEPLOYMENT_ID, "\"" + deployment.id() + "\" is already used by " + earlier);
            }
            deployments.add(deployment);
        }
        return new DeploymentTable(List.copyOf(deployments));
    }

    public boolean isEmpty() {
        return deployments.isEmpty();
    }

    public List<Deployment> deployments() {
        return deployments;
    }

    /** A photo's deployment, or why it has none. */
    public record Match(Deployment deployment, Problem problem, String detail) {
    }

    /** Why a photo of a run with a deployments table has no deployment. */
    public enum Problem {
        /** No deployment names the photo's station, camera, serial number or label. */
        NO_DEPLOYMENT,
        /** Several do, and the photo's time does not pick exactly one. */
        AMBIGUOUS_DEPLOYMENT
    }

    public Match match(PhotoIdentity photo, LocalDateTime cameraTime) {
        List<Deployment> candidates = deployments.stream().filter(d -> d.identifies(photo)).toList();
        if (candidates.isEmpty()) {
            return deployments.isEmpty() ? new Match(null, null, null)
                    : new Match(null, Problem.NO_DEPLOYMENT, "no deployment names this photo's station, camera, serial number or label");
        }
        if (candidates.size() == 1) {
            return new Match(candidates.get(0), null, null);
        }
        List<String> ids = candidates.stream().map(Deployment::id).toList();
        if (cameraTime == null) {
            return new Match(null, Problem.AMBIGUOUS_DEPLOYMENT, "deployments " + ids + " all match and the photo has no time");
        }
        List<Deployment> inWindow = candidates.stream().filter(d -> d.contains(d.correct(cameraTime))).toList();
        if (inWindow.size() == 1) {
            return new Match(inWindow.get(0), null, null);
        }
        return new Match(null, Problem.AMBIGUOUS_DEPLOYMENT, "deployments " + ids + " all match and "
                + (inWindow.isEmpty() ? "none" : inWindow.size() + " of them") + " contain the photo's time");
    }

    private static Deployment deployment(JsonNode row, String path, ZoneId manifestZone, Limits limits) {
        if (row == null || !row.isObject()) {
            throw new InvalidManifest(path, "must be an object with deployment_id and the camera's identity, got " + Quoted.value(row));
        }
        refuseUnknownFields(row, path, DEPLOYMENT_FIELDS);
        String id = requiredText(row, DEPLOYMENT_ID, path);
        if (id.length() > MAX_ID_LENGTH) {
            throw new InvalidManifest(path + "." + DEPLOYMENT_ID, "must be at most " + MAX_ID_LENGTH + " characters");
        }
        Double latitude = optionalNumber(row, LATITUDE, path, 90);
        Double longitude = optionalNumber(row, LONGITUDE, path, 180);
        if ((latitude == null) != (longitude == null)) {
            throw new InvalidManifest(path + "." + (latitude == null ? LATITUDE : LONGITUDE),
                    "is needed too: a position has both latitude and longitude");
        }
        ZoneId zone = optionalZone(row, path);
        StatedTime start = optionalTime(row, START, path);
        StatedTime end = optionalTime(row, END, path);
        ZoneId clockZone = zone != null ? zone : manifestZone;
        CameraClock clock = clockZone == null ? null : new CameraClock(clockZone, start == null ? null : start.onClock(null));
        LocalDateTime startOnClock = start == null ? null : start.onClock(clock);
        LocalDateTime endOnClock = end == null ? null : end.onClock(clock);
        if (startOnClock != null && endOnClock != null && !endOnClock.isAfter(startOnClock)) {
            throw new InvalidManifest(path + "." + END, "must be after start (" + start.local() + "), got " + end.local());
        }
        return new Deployment(id, optionalText(row, STATION, path), optionalText(row, CAMERA, path),
                optionalText(row, SERIAL_NUMBER, path), optionalText(row, USER_LABEL, path),
                latitude, longitude, clock, zone != null, startOnClock, endOnClock,
                corrections(row.get(TIME_CORRECTIONS), path + "." + TIME_CORRECTIONS, clock, limits));
    }

    private static List<TimeCorrection> corrections(JsonNode list, String path, CameraClock clock, Limits limits) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new InvalidManifest(path, "must be a list of corrections, got " + Quoted.value(list));
        }
        List<TimeCorrection> corrections = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            corrections.add(correction(list.get(i), path + "[" + i + "]", clock, limits));
        }
        return List.copyOf(corrections);
    }

    private static TimeCorrection correction(JsonNode item, String path, CameraClock clock, Limits limits) {
        if (item == null || !item.isObject()) {
            throw new InvalidManifest(path, "must be an object with \"type\": \"offset\" or \"drift\", got " + Quoted.value(item));
        }
        String type = requiredText(item, TYPE, path);
        switch (type) {
            case OFFSET -> {
                refuseUnknownFields(item, path, OFFSET_FIELDS);
                try {
                    return ClockShift.parse(requiredText(item, OFFSET, path));
                } catch (IllegalArgumentException e) {
                    throw new InvalidManifest(path + "." + OFFSET, e.getMessage());
                }
            }
            case DRIFT -> {
                refuseUnknownFields(item, path, DRIFT_FIELDS);
                LocalDateTime[] setup = reference(item.get(SETUP), path + "." + SETUP, clock);
                LocalDateTime[] collection = reference(item.get(COLLECTION), path + "." + COLLECTION, clock);
                ClockDrift drift;
                try {
                    drift = new ClockDrift(setup[0], setup[1], collection[0], collection[1]);
                } catch (IllegalArgumentException e) {
                    throw new InvalidManifest(path + "." + COLLECTION, e.getMessage());
                }
                if (Math.abs(drift.driftPpm()) > limits.maxClockDriftPpm()) {
                    throw new InvalidManifest(path, String.format(Locale.ROOT,
                            "a drift of %.0f ppm is more than a clock drifts (munin.manifest.max-clock-drift-ppm = %.0f); "
                                    + "check the setup and collection times, or use an offset for a clock that was reset",
                            drift.driftPpm(), limits.maxClockDriftPpm()));
                }
                return drift;
            }
            default -> throw new InvalidManifest(path + "." + TYPE, "must be \"offset\" or \"drift\", got \"" + type + "\"");
        }
    }

    /** [camera time, true time on the camera's clock] of one photo of a trusted clock. */
    private static LocalDateTime[] reference(JsonNode reference, String path, CameraClock clock) {
        if (reference == null || !reference.isObject()) {
            throw new InvalidManifest(path, "must be an object with camera_time and true_time, got " + Quoted.value(reference));
        }
        refuseUnknownFields(reference, path, REFERENCE_FIELDS);
        StatedTime cameraTime = requiredTime(reference, CAMERA_TIME, path);
        if (cameraTime.offset() != null) {
            throw new InvalidManifest(path + "." + CAMERA_TIME, "is what the camera showed, without an offset (e.g. 2024-04-01T12:00:00)");
        }
        return new LocalDateTime[] {cameraTime.local(), requiredTime(reference, TRUE_TIME, path).onClock(clock)};
    }

    private static void refuseUnknownFields(JsonNode object, String path, List<String> allowed) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidManifest(path + "." + Quoted.name(name), "unknown field; allowed here: " + String.join(", ", allowed));
            }
        }
    }

    private static String requiredText(JsonNode object, String field, String path) {
        String text = optionalText(object, field, path);
        if (text == null) {
            throw new InvalidManifest(path + "." + field, "is required");
        }
        return text;
    }

    private static String optionalText(JsonNode object, String field, String path) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidManifest(path + "." + field, "must be a non-empty string, got " + Quoted.value(value));
        }
        return value.asText().trim();
    }

    private static Double optionalNumber(JsonNode object, String field, String path, double bound) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || Math.abs(value.asDouble()) > bound || Double.isNaN(value.asDouble())) {
            throw new InvalidManifest(path + "." + field, "must be a number from -" + (int) bound + " to " + (int) bound
                    + " (WGS84 degrees), got " + Quoted.value(value));
        }
        return value.asDouble();
    }

    private static ZoneId optionalZone(JsonNode object, String path) {
        String text = optionalText(object, TIME_ZONE, path);
        if (text == null) {
            return null;
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new InvalidManifest(path + "." + TIME_ZONE,
                    "must be an IANA time zone such as Europe/Copenhagen or a fixed offset such as +01:00, got \"" + text + "\"");
        }
    }

    private static StatedTime optionalTime(JsonNode object, String field, String path) {
        String text = optionalText(object, field, path);
        if (text == null) {
            return null;
        }
        try {
            return StatedTime.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidManifest(path + "." + field, e.getMessage());
        }
    }

    private static StatedTime requiredTime(JsonNode object, String field, String path) {
        StatedTime time = optionalTime(object, field, path);
        if (time == null) {
            throw new InvalidManifest(path + "." + field, "is required");
        }
        return time;
    }
}
