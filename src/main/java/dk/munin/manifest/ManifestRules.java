package dk.munin.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.cluster.DeltaTimeComparedTo;
import dk.munin.cluster.IndependenceRules;
import dk.munin.contract.storage.Location;
import dk.munin.manifest.DeploymentTable;
import dk.munin.state.EventRules;
import dk.munin.state.RunState;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a manifest field by field: required fields, types, ranges, no unknown fields.
 * Every refusal names the field and says what would be accepted.
 */
public class ManifestRules {

    /** The manifest's own fields (the seed's Input Format, plus session_id, time_zone, deployments, species_from, events and project). */
    private static final List<String> MANIFEST_FIELDS = List.of(
            RunState.INPUT_URI, RunState.OUTPUT_URI, RunState.BUDGET_DKK, RunState.USE_SPOT,
            RunState.MAX_IMAGES, RunState.MAX_JOB_DURATION, RunState.WEATHER_DAYS_BACK,
            RunState.SESSION_ID, RunState.TIME_ZONE, RunState.DEPLOYMENTS, RunState.SPECIES_FROM, RunState.EVENTS, RunState.PROJECT,
            RunState.MODE, RunState.MAX_RUNTIME_MIN);
    /** A minimum interval beyond a year between independent records is a typo, not a study design. */
    private static final int MAX_MIN_DELTA_TIME = 525_600;
    /** Added by the workflow itself before GuardBudget runs. */
    private static final List<String> WORKFLOW_FIELDS = List.of(RunState.EXECUTION);
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    /** A year of days before each event: more would make every event a request of its own (munin.weather.request.max-days). */
    private static final int MAX_WEATHER_DAYS_BACK = 366;

    private final ManifestDefaults defaults;

    public ManifestRules(ManifestDefaults defaults) {
        this.defaults = defaults;
    }

    public Manifest validate(JsonNode manifest) {
        if (manifest == null || !manifest.isObject()) {
            throw new InvalidManifest("(manifest)", "must be a JSON object");
        }
        refuseUnknownFields(manifest);
        String input = location(manifest, RunState.INPUT_URI);
        String output = location(manifest, RunState.OUTPUT_URI);
        ManifestLocations.refuseOverlap(Location.parse(input), Location.parse(output));
        double budget = positiveNumber(manifest, RunState.BUDGET_DKK);
        if (budget > defaults.maxBudgetDkk()) {
            throw new InvalidManifest(RunState.BUDGET_DKK, "must be at most " + plain(defaults.maxBudgetDkk())
                    + " DKK (munin.manifest.max-budget-dkk), got " + plain(budget)
                    + ": a budget that large is more often a typo than a plan, and the run would be free to spend it");
        }
        boolean useSpot = optionalBoolean(manifest, RunState.USE_SPOT, defaults.useSpot());
        int maxImages = optionalInt(manifest, RunState.MAX_IMAGES, defaults.maxImages(), 1, defaults.maxImagesLimit());
        int maxJobDuration = optionalInt(manifest, RunState.MAX_JOB_DURATION, defaults.maxJobDuration(),
                defaults.minJobDuration(), defaults.maxJobDurationLimit());
        int weatherDaysBack = optionalInt(manifest, RunState.WEATHER_DAYS_BACK, defaults.weatherDaysBack(), 0, MAX_WEATHER_DAYS_BACK);
        BudgetMode mode = mode(manifest);
        int maxRuntimeMin = optionalInt(manifest, RunState.MAX_RUNTIME_MIN, defaults.maxRuntimeMin(), 1, defaults.maxRuntimeMinLimit());
        ZoneId zone = optionalZone(manifest);
        JsonNode deploymentsField = manifest.get(RunState.DEPLOYMENTS);
        DeploymentTable deployments = DeploymentTable.parse(deploymentsField, zone, defaults.deploymentLimits());
        SpeciesFrom speciesFrom = speciesFrom(manifest);
        IndependenceRules events = events(manifest.get(RunState.EVENTS), defaults.events());
        ProjectInfo project = ProjectInfo.parse(manifest.get(RunState.PROJECT));
        String sessionId = manifest.hasNonNull(RunState.SESSION_ID) ? sessionId(manifest)
                : deriveSessionId(sessionSettings(manifest, input, output, budget, useSpot, maxImages, maxJobDuration,
                weatherDaysBack, zone).toArray());
        return new Manifest(input, output, budget, useSpot, maxImages, maxJobDuration, weatherDaysBack, sessionId, zone,
                deployments, speciesFrom, events, project, mode, maxRuntimeMin);
    }

    /**
     * What the session id is derived from. Fields added after the first manifests (deployments,
     * species_from, events) join only when given, so manifests without them keep their sessions.
     */
    private static List<Object> sessionSettings(JsonNode manifest, Object... seedFields) {
        List<Object> settings = new ArrayList<>(Arrays.asList(seedFields));
        JsonNode deployments = manifest.get(RunState.DEPLOYMENTS);
        if (deployments != null && !deployments.isNull() && !deployments.isEmpty()) {
            settings.add(deployments);
        }
        for (String later : List.of(RunState.SPECIES_FROM, RunState.EVENTS, RunState.MODE, RunState.MAX_RUNTIME_MIN)) {
            if (manifest.hasNonNull(later)) {
                settings.add(later + "=" + manifest.get(later));
            }
        }
        return settings;
    }

    private static BudgetMode mode(JsonNode manifest) {
        JsonNode value = manifest.get(RunState.MODE);
        if (value == null || value.isNull()) {
            return BudgetMode.HYBRID;
        }
        if (!value.isTextual()) {
            throw new InvalidManifest(RunState.MODE, "must be HYBRID or LOCAL, got " + Quoted.value(value));
        }
        try {
            return BudgetMode.ofManifestName(value.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidManifest(RunState.MODE, e.getMessage()
                    + " (HYBRID: Lambda stages and an AWS Batch detector, priced; LOCAL: everything on this machine, 0 DKK)");
        }
    }

    private static SpeciesFrom speciesFrom(JsonNode manifest) {
        JsonNode value = manifest.get(RunState.SPECIES_FROM);
        if (value == null || value.isNull()) {
            return SpeciesFrom.DETECTOR;
        }
        try {
            return SpeciesFrom.ofManifestName(value.isTextual() ? value.asText() : value.toString());
        } catch (IllegalArgumentException e) {
            throw new InvalidManifest(RunState.SPECIES_FROM, e.getMessage());
        }
    }

    /** The manifest's {@code events}, each field it leaves out taken from the defaults. */
    private static IndependenceRules events(JsonNode events, IndependenceRules defaults) {
        if (events == null || events.isNull()) {
            return defaults;
        }
        if (!events.isObject()) {
            throw new InvalidManifest(RunState.EVENTS, "must be an object with any of " + String.join(", ", EventRules.FIELDS)
                    + ", got " + Quoted.value(events));
        }
        for (Iterator<String> names = events.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!EventRules.FIELDS.contains(name)) {
                throw new InvalidManifest(RunState.EVENTS + "." + Quoted.name(name), "unknown field; events may have " + String.join(", ", EventRules.FIELDS));
            }
        }
        int minDeltaTime = optionalInt(events, EventRules.MIN_DELTA_TIME, RunState.EVENTS + ".", defaults.minDeltaTimeMinutes(),
                0, MAX_MIN_DELTA_TIME);
        DeltaTimeComparedTo comparedTo = defaults.comparedTo();
        JsonNode comparedToField = events.get(EventRules.DELTA_TIME_COMPARED_TO);
        if (comparedToField != null && !comparedToField.isNull()) {
            try {
                comparedTo = DeltaTimeComparedTo.ofManifestName(comparedToField.isTextual() ? comparedToField.asText() : comparedToField.toString());
            } catch (IllegalArgumentException e) {
                throw new InvalidManifest(RunState.EVENTS + "." + EventRules.DELTA_TIME_COMPARED_TO, e.getMessage());
            }
        }
        boolean camerasIndependent = optionalBoolean(events, EventRules.CAMERAS_INDEPENDENT, RunState.EVENTS + ".",
                defaults.camerasIndependent());
        return new IndependenceRules(minDeltaTime, comparedTo, camerasIndependent, exclude(events.get(EventRules.EXCLUDE), defaults.exclude()));
    }

    private static Set<String> exclude(JsonNode exclude, Set<String> defaults) {
        String field = RunState.EVENTS + "." + EventRules.EXCLUDE;
        if (exclude == null || exclude.isNull()) {
            return defaults;
        }
        if (!exclude.isArray()) {
            throw new InvalidManifest(field, "must be a list of species names, e.g. [\"UNID\"], got " + Quoted.value(exclude));
        }
        Set<String> species = new LinkedHashSet<>();
        for (JsonNode name : exclude) {
            if (!name.isTextual() || name.asText().isBlank()) {
                throw new InvalidManifest(field, "must hold non-empty species names, got " + Quoted.value(name));
            }
            species.add(name.asText());
        }
        return species;
    }

    /**
     * The same manifest always gets the same session id, so re-running it reuses the same work
     * folder and overwrites the same outputs instead of adding a second copy.
     */
    static String deriveSessionId(Object... settings) {
        StringBuilder canonical = new StringBuilder();
        for (Object setting : settings) {
            canonical.append(setting).append('\n');
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return "run-" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void refuseUnknownFields(JsonNode manifest) {
        for (Iterator<String> names = manifest.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MANIFEST_FIELDS.contains(name) && !WORKFLOW_FIELDS.contains(name)) {
                throw new InvalidManifest(Quoted.name(name), "unknown field; a manifest may have " + String.join(", ", MANIFEST_FIELDS));
            }
        }
    }

    private static String location(JsonNode manifest, String field) {
        JsonNode value = manifest.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidManifest(field, "is required (a folder, a file: URI or s3://bucket/prefix/)");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidManifest(field, "must be a non-empty string, got " + Quoted.value(value));
        }
        ManifestLocations.parse(field, value.asText());
        return value.asText();
    }

    private static double positiveNumber(JsonNode manifest, String field) {
        JsonNode value = manifest.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidManifest(field, "is required: the most this run may cost, in DKK");
        }
        if (!value.isNumber()) {
            throw new InvalidManifest(field, "must be a number, got " + Quoted.value(value));
        }
        double number = value.asDouble();
        if (!(number > 0) || Double.isInfinite(number)) {
            throw new InvalidManifest(field, "must be greater than 0, got " + Quoted.value(value));
        }
        return number;
    }

    private static boolean optionalBoolean(JsonNode manifest, String field, boolean fallback) {
        return optionalBoolean(manifest, field, "", fallback);
    }

    /** @param path what the field's name is prefixed with in a refusal, e.g. "events." */
    private static boolean optionalBoolean(JsonNode object, String field, String path, boolean fallback) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new InvalidManifest(path + field, "must be true or false, got " + Quoted.value(value));
        }
        return value.asBoolean();
    }

    private static int optionalInt(JsonNode manifest, String field, int fallback, int min, int max) {
        return optionalInt(manifest, field, "", fallback, min, max);
    }

    private static int optionalInt(JsonNode object, String field, String path, int fallback, int min, int max) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new InvalidManifest(path + field, "must be a whole number, got " + Quoted.value(value));
        }
        int number = value.asInt();
        if (number < min || number > max) {
            throw new InvalidManifest(path + field, "must be between " + min + " and " + max + ", got " + number);
        }
        return number;
    }

    private static String sessionId(JsonNode manifest) {
        JsonNode value = manifest.get(RunState.SESSION_ID);
        if (!value.isTextual() || !SESSION_ID.matcher(value.asText()).matches()) {
            throw new InvalidManifest(RunState.SESSION_ID,
                    "must be 1-64 letters, digits, '-' or '_', starting with a letter or digit, got " + Quoted.value(value));
        }
        return value.asText();
    }

    private static ZoneId optionalZone(JsonNode manifest) {
        JsonNode value = manifest.get(RunState.TIME_ZONE);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return ZoneId.of(value.asText());
        } catch (DateTimeException e) {
            throw new InvalidManifest(RunState.TIME_ZONE,
                    "must be an IANA time zone such as Europe/Copenhagen or a fixed offset such as +01:00, got " + Quoted.value(value));
        }
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
