package dk.munin.budget;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.state.Json;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestRulesTest {

    static final ManifestDefaults DEFAULTS = new ManifestDefaults(true, 10_000, 3600, 7, 1_000_000, 60, 1_209_600, 500, 10_000);
    private final ManifestRules rules = new ManifestRules(DEFAULTS);

    static ObjectNode seedExample() {
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
        assertRefused("weather_days_back", m -> m.put("weather_days_back", -1), "between 0 and 3650");
        assertRefused("session_id", m -> m.put("session_id", "../escape"), "letters, digits");
        assertRefused("time_zone", m -> m.put("time_zone", "Mars/Olympus"), "IANA time zone");
        assertRefused("budget", m -> m.put("budget", 25), "unknown field");
        assertRefused("output_uri", m -> m.put("output_uri", "s3://bucket/raw/cam01"), "must differ from input_uri");
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
}
