package dk.munin.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.cluster.DeltaTimeComparedTo;
import dk.munin.cluster.IndependenceRules;
import dk.munin.manifest.Budget;
import dk.munin.manifest.BudgetMode;
import dk.munin.state.Json;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class ManifestRulesTest {

    /** camtrapR's recordTable defaults but for the interval, as application.properties has them. */
    public static final IndependenceRules EVENT_DEFAULTS = new IndependenceRules(30, DeltaTimeComparedTo.LAST_RECORD, false, Set.of());
    /** application.properties' munin.manifest.max-budget-dkk. */
    static final double MAX_BUDGET_DKK = 100_000;
    public static final ManifestDefaults DEFAULTS = new ManifestDefaults(true, 10_000, 3600, 7, 1_000_000, 60, 1_209_600, 500, 10_000,
            EVENT_DEFAULTS, MAX_BUDGET_DKK, 2880, 20_160);
    private final ManifestRules rules = new ManifestRules(DEFAULTS);

    public static ObjectNode seedExample() {
        return (ObjectNode) Json.parse("""
                {"input_uri": "s3://bucket/raw/cam01/", "output_uri": "s3://bucket/out/run_001/",
                 "budget_dkk": 25, "use_spot": true, "max_images": 1500, "max_job_duration": 3600,
                 "weather_days_back": 7}""");
    }

    @Test
    void acceptsTheSeedsInputFormat() {
        Manifest manifest = rules.validate(seedExample());

        assertThat(manifest.inputUri()).isEqualTo("s3://bucket/raw/cam01/");
        assertThat(manifest.budgetDkk()).isEqualTo(25.0);
        assertThat(manifest.maxImages()).isEqualTo(1500);
        assertThat(manifest.sessionId()).matches("run-[0-9a-f]{12}");
        assertThat(manifest.timeZone()).isNull();
    }

    @Test
    void fillsDefaultsForOptionalFields() {
        Manifest manifest = rules.validate(Json.parse("""
                {"input_uri": "photos", "output_uri": "out", "budget_dkk": 1.5, "time_zone": "Europe/Copenhagen"}"""));

        assertThat(manifest.useSpot()).isTrue();
        assertThat(manifest.maxImages()).isEqualTo(10_000);
        assertThat(manifest.maxJobDuration()).isEqualTo(3600);
        assertThat(manifest.weatherDaysBack()).isEqualTo(7);
        assertThat(manifest.timeZone()).isEqualTo(ZoneId.of("Europe/Copenhagen"));
    }

    @Test
    void theSameManifestGetsTheSameSessionAndAnotherManifestAnother() {
        String first = rules.validate(seedExample()).sessionId();
        String again = rules.validate(seedExample()).sessionId();
        ObjectNode other = seedExample();
        other.put("max_images", 1501);

        assertThat(again).isEqualTo(first);
        assertThat(rules.validate(other).sessionId()).isNotEqualTo(first);
    }

    @Test
    void refusesEachBadFieldByName() {
        assertRefused("input_uri", m -> m.remove("input_uri"), "is required");
        assertRefused("output_uri", m -> m.put("output_uri", 7), "must be a non-empty string");
        assertRefused("input_uri", m -> m.put("input_uri", "ftp://host/photos"), "Unsupported location");
        assertRefused("budget_dkk", m -> m.remove("budget_dkk"), "is required");
        assertRefused("budget_dkk", m -> m.put("budget_dkk", "25"), "must be a number");
        assertRefused("budget_dkk", m -> m.put("budget_dkk", 0), "greater than 0");
        assertRefused("budget_dkk", m -> m.put("budget_dkk", -3), "greater than 0");
        assertRefused("use_spot", m -> m.put("use_spot", "yes"), "true or false");
        assertRefused("max_images", m -> m.put("max_images", 0), "between 1 and 1000000");
        assertRefused("max_images", m -> m.put("max_images", 2.5), "whole number");
        assertRefused("max_job_duration", m -> m.put("max_job_duration", 30), "between 60 and 1209600");
        assertRefused("weather_days_back", m -> m.put("weather_days_back", -1), "between 0 and 366");
        assertRefused("budget_dkk", m -> m.put("budget_dkk", 250_000), "must be at most 100000 DKK (munin.manifest.max-budget-dkk), got 250000");
        assertRefused("session_id", m -> m.put("session_id", "../escape"), "letters, digits");
        assertRefused("time_zone", m -> m.put("time_zone", "Mars/Olympus"), "IANA time zone");
        assertRefused("budget", m -> m.put("budget", 25), "unknown field");
        assertRefused("output_uri", m -> m.put("output_uri", "s3://bucket/raw/cam01"), "must differ from input_uri");
    }

    @Test
    void acceptsADeploymentsTableAndItChangesTheSession() {
        ObjectNode manifest = seedExample();
        manifest.set("deployments", Json.parse("""
                [{"deployment_id": "A-2024", "station": "StationA", "camera": "StationA/CAM1", "serial_number": "H2RX1",
                  "user_label": "NORTH", "latitude": 55.6, "longitude": 12.5, "time_zone": "Europe/Copenhagen",
                  "start": "2024-04-01T12:00:00", "end": "2024-06-01T10:00:00+02:00",
                  "time_corrections": [{"type": "offset", "offset": "+1y"},
                     {"type": "drift", "setup": {"camera_time": "2024-04-01T12:00:00", "true_time": "2024-04-01T12:00:05"},
                      "collection": {"camera_time": "2024-06-01T10:00:00", "true_time": "2024-06-01T10:00:00"}}]}]"""));

        Manifest validated = rules.validate(manifest);

        assertThat(validated.deployments().deployments()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo("A-2024");
            assertThat(d.corrections()).hasSize(2);
            assertThat(d.end()).isEqualTo(java.time.LocalDateTime.parse("2024-06-01T09:00:00")); // on the camera's +01:00 clock
        });
        assertThat(validated.sessionId()).isNotEqualTo(rules.validate(seedExample()).sessionId());
    }

    @Test
    void refusesEachBadDeploymentFieldByItsPath() {
        String good = "{\"deployment_id\": \"D0\", \"camera\": \"S/C\"}";
        assertDeploymentRefused("deployments", "{}", "must be a list");
        assertDeploymentRefused("deployments[1]", "[" + good + ", 7]", "must be an object");
        assertDeploymentRefused("deployments[0].deployment_id", "[{\"camera\": \"S/C\"}]", "is required");
        assertDeploymentRefused("deployments[1].deployment_id", "[" + good + ", " + good + "]", "already used by deployments[0]");
        assertDeploymentRefused("deployments[2].time_zone", "[" + good.replace("D0", "D1") + ", " + good
                + ", {\"deployment_id\": \"D2\", \"time_zone\": \"Mars/Olympus\"}]", "IANA time zone");
        assertDeploymentRefused("deployments[0].zone", "[{\"deployment_id\": \"D\", \"zone\": \"UTC\"}]", "unknown field");
        assertDeploymentRefused("deployments[0].start", "[{\"deployment_id\": \"D\", \"start\": \"1 April\"}]", "ISO-8601");
        assertDeploymentRefused("deployments[0].end", "[{\"deployment_id\": \"D\", \"start\": \"2024-05-01T00:00:00\", "
                + "\"end\": \"2024-04-01T00:00:00\"}]", "must be after start");
        assertDeploymentRefused("deployments[0].longitude", "[{\"deployment_id\": \"D\", \"latitude\": 55.0}]", "both latitude and longitude");
        assertDeploymentRefused("deployments[0].latitude", "[{\"deployment_id\": \"D\", \"latitude\": 91, \"longitude\": 0}]", "-90 to 90");
        assertDeploymentRefused("deployments[0].camera", "[{\"deployment_id\": \"D\", \"camera\": 3}]", "non-empty string");
        assertDeploymentRefused("deployments[0].time_corrections[0].type",
                "[{\"deployment_id\": \"D\", \"time_corrections\": [{\"type\": \"shift\"}]}]", "\"offset\" or \"drift\"");
        assertDeploymentRefused("deployments[0].time_corrections[0].offset",
                "[{\"deployment_id\": \"D\", \"time_corrections\": [{\"type\": \"offset\", \"offset\": \"+1 year\"}]}]", "signed shift");
        assertDeploymentRefused("deployments[0].time_corrections[0].setup",
                "[{\"deployment_id\": \"D\", \"time_corrections\": [{\"type\": \"drift\"}]}]", "camera_time and true_time");
        assertDeploymentRefused("deployments[0].time_corrections[0].setup.camera_time", drift("2024-04-01T12:00:00+02:00",
                "2024-04-01T12:00:00", "2024-05-01T12:00:00", "2024-05-01T12:00:00"), "without an offset");
        assertDeploymentRefused("deployments[0].time_corrections[0].collection", drift("2024-04-01T12:00:00",
                "2024-04-01T12:00:00", "2024-03-01T12:00:00", "2024-05-01T12:00:00"), "camera time at collection must be after");
        assertDeploymentRefused("deployments[0].time_corrections[0]", drift("2024-04-01T12:00:00",
                "2024-04-01T12:00:00", "2024-05-01T12:00:00", "2025-05-01T12:00:00"), "munin.manifest.max-clock-drift-ppm");
    }

    @Test
    void refusesMoreDeploymentsThanFitInARun() {
        ManifestRules strict = new ManifestRules(new ManifestDefaults(true, 10_000, 3600, 7, 1_000_000, 60, 1_209_600, 1, 10_000, EVENT_DEFAULTS,
                MAX_BUDGET_DKK, 2880, 20_160));
        ObjectNode manifest = seedExample();
        manifest.set("deployments", Json.parse("[{\"deployment_id\": \"A\"}, {\"deployment_id\": \"B\"}]"));

        assertThatThrownBy(() -> strict.validate(manifest)).isInstanceOfSatisfying(InvalidManifest.class,
                e -> assertThat(e.field()).isEqualTo("deployments")).hasMessageContaining("at most 1");
    }

    private static String drift(String setupCamera, String setupTrue, String collectionCamera, String collectionTrue) {
        return "[{\"deployment_id\": \"D\", \"time_corrections\": [{\"type\": \"drift\", "
                + "\"setup\": {\"camera_time\": \"" + setupCamera + "\", \"true_time\": \"" + setupTrue + "\"}, "
                + "\"collection\": {\"camera_time\": \"" + collectionCamera + "\", \"true_time\": \"" + collectionTrue + "\"}}]}]";
    }

    private void assertDeploymentRefused(String field, String deployments, String reason) {
        assertRefused(field, m -> m.set("deployments", Json.parse(deployments)), reason);
    }

    @Test
    void refusesSomethingThatIsNotAnObject() {
        assertThatThrownBy(() -> rules.validate(Json.parse("[1, 2]")))
                .isInstanceOf(InvalidManifest.class).hasMessageContaining("must be a JSON object");
    }

    private void assertRefused(String field, java.util.function.Consumer<ObjectNode> change, String reason) {
        ObjectNode manifest = seedExample();
        change.accept(manifest);
        assertThatThrownBy(() -> rules.validate(manifest))
                .isInstanceOfSatisfying(InvalidManifest.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining("'" + field + "'")
                .hasMessageContaining(reason);
    }

    @Test
    void eventsTakeTheDefaultsForWhatTheyLeaveOut() {
        ObjectNode manifest = seedExample();
        manifest.set("events", Json.parse("""
                {"min_delta_time": 60, "exclude": ["UNID"]}"""));

        Manifest validated = rules.validate(manifest);

        assertThat(validated.events()).isEqualTo(new IndependenceRules(60, DeltaTimeComparedTo.LAST_RECORD, false, Set.of("UNID")));
        assertThat(validated.speciesFrom()).isEqualTo(SpeciesFrom.DETECTOR);
        assertThat(rules.validate(seedExample()).events()).isEqualTo(EVENT_DEFAULTS);
    }

    @Test
    void speciesFromFolderAndEveryEventsFieldAreRead() {
        ObjectNode manifest = seedExample();
        manifest.put("species_from", "folder");
        manifest.set("events", Json.parse("""
                {"min_delta_time": 0, "delta_time_compared_to": "last_independent_record", "cameras_independent": true,
                 "exclude": []}"""));

        Manifest validated = rules.validate(manifest);

        assertThat(validated.speciesFrom()).isEqualTo(SpeciesFrom.FOLDER);
        assertThat(validated.events()).isEqualTo(new IndependenceRules(0, DeltaTimeComparedTo.LAST_INDEPENDENT_RECORD, true, Set.of()));
    }

    @Test
    void badEventsAndSpeciesFromAreRefusedNamingTheField() {
        assertSetRefused("species_from", "\"directory\"", "Manifest field 'species_from': must be one of detector, folder, got 'directory'");
        assertSetRefused("events", "30", "Manifest field 'events': must be an object with any of min_delta_time, "
                + "delta_time_compared_to, cameras_independent, exclude, got 30");
        assertSetRefused("events", "{\"minDeltaTime\": 30}", "Manifest field 'events.minDeltaTime': unknown field; events may have "
                + "min_delta_time, delta_time_compared_to, cameras_independent, exclude");
        assertSetRefused("events", "{\"min_delta_time\": -1}", "Manifest field 'events.min_delta_time': must be between 0 and 525600, got -1");
        assertSetRefused("events", "{\"delta_time_compared_to\": \"lastRecord\"}", "Manifest field 'events.delta_time_compared_to': "
                + "must be one of last_record, last_independent_record, got 'lastRecord'");
        assertSetRefused("events", "{\"cameras_independent\": \"yes\"}", "Manifest field 'events.cameras_independent': "
                + "must be true or false, got \"yes\"");
        assertSetRefused("events", "{\"exclude\": \"UNID\"}", "Manifest field 'events.exclude': must be a list of species names, "
                + "e.g. [\"UNID\"], got \"UNID\"");
    }

    @Test
    void aProjectIsReadAndABadOneRefusedNamingTheField() {
        ObjectNode manifest = seedExample();
        manifest.set("project", Json.parse("""
                {"title": "Sabah 2009", "sampling_design": "targeted",
                 "contributors": [{"title": "A. Researcher", "email": "a@example.org", "role": "contact"}]}"""));

        ProjectInfo project = rules.validate(manifest).project();

        assertThat(project.title()).isEqualTo("Sabah 2009");
        assertThat(project.contributors()).containsExactly(new ProjectInfo.Contributor("A. Researcher", "a@example.org", "contact", null, null));
        assertThat(rules.validate(seedExample()).project().contributors()).isEmpty();
        assertSetRefused("project", "{\"sampling_design\": \"random\"}", "Manifest field 'project.sampling_design': must be one of "
                + "simpleRandom, systematicRandom, clusteredRandom, experimental, targeted, opportunistic, got 'random'");
        assertSetRefused("project", "{\"contributors\": [{\"email\": \"a@example.org\"}]}",
                "Manifest field 'project.contributors[0].title': is required: the person's or organisation's name");
        assertSetRefused("project", "{\"contributors\": [{\"title\": \"A\", \"role\": \"author\"}]}",
                "Manifest field 'project.contributors[0].role': must be one of contact, principalInvestigator, rightsHolder, "
                        + "publisher, contributor, got 'author'");
        assertSetRefused("project", "{\"name\": \"x\"}", "Manifest field 'project.name': unknown field; it may have title, "
                + "sampling_design, contributors");
    }

    @Test
    void eventsAndSpeciesFromJoinTheSessionIdOnlyWhenGiven() {
        String plain = rules.validate(seedExample()).sessionId();
        ObjectNode labelled = seedExample();
        labelled.put("species_from", "folder");

        assertThat(rules.validate(labelled).sessionId()).isNotEqualTo(plain);
        assertThat(rules.validate(seedExample()).sessionId()).as("a manifest without the new fields keeps its session").isEqualTo(plain);
    }

    @Test
    void theSeedsBudgetIsReadWithItsDefaults() {
        Budget seed = rules.validate(seedExample()).budget();
        ObjectNode local = seedExample();
        local.put("mode", "local");
        local.put("max_runtime_min", 90);

        assertThat(seed).isEqualTo(new Budget(25, BudgetMode.HYBRID, 2880, 1500, true));
        assertThat(rules.validate(local).budget()).isEqualTo(new Budget(25, BudgetMode.LOCAL, 90, 1500, true));
        assertThat(rules.validate(local).sessionId()).as("mode and max_runtime_min join the session only when given")
                .isNotEqualTo(rules.validate(seedExample()).sessionId());
    }

    @Test
    void badBudgetFieldsAreRefusedNamingTheField() {
        assertRefused("mode", m -> m.put("mode", "CLOUD"), "must be HYBRID or LOCAL, got \"CLOUD\"");
        assertRefused("mode", m -> m.put("mode", 1), "must be HYBRID or LOCAL, got 1");
        assertRefused("max_runtime_min", m -> m.put("max_runtime_min", 0), "must be between 1 and 20160, got 0");
        assertRefused("max_runtime_min", m -> m.put("max_runtime_min", 20_161), "must be between 1 and 20160");
        assertRefused("max_runtime_min", m -> m.put("max_runtime_min", 1.5), "must be a whole number");
        assertRefused("budget_dkk", m -> m.put("budget_dkk", -1), "must be greater than 0");
        assertRefused("max_images", m -> m.put("max_images", 0), "must be between 1 and 1000000");
        assertRefused("use_spot", m -> m.put("use_spot", "yes"), "must be true or false");
    }

    private void assertSetRefused(String field, String json, String message) {
        ObjectNode manifest = seedExample();
        manifest.set(field, Json.parse(json));
        assertThatThrownBy(() -> rules.validate(manifest)).isInstanceOf(InvalidManifest.class).hasMessage(message);
    }
}
