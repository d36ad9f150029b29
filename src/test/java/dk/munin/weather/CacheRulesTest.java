package dk.munin.weather;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.state.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How long a cached answer is reused, from its headers and body alone. */
class CacheRulesTest {

    private static final CacheRules RULES = new CacheRules(Duration.ofDays(30), Duration.ofHours(24));
    private static final Instant FETCHED = Instant.parse("2024-05-01T12:00:00Z");

    private static CachedResponse answer(Map<String, String> headers, String body) {
        return CachedResponse.of("https://example.org/v1/archive?latitude=1&longitude=2", FETCHED,
                new WeatherHttp.Answer(200, body, null, 1, headers));
    }

    @Test
    void theServicesExpiresDecidesWhateverTheBody() {
        CachedResponse withNulls = answer(Map.of("Expires", "Wed, 01 May 2024 12:30:00 GMT"), "{\"hourly\": [1, null]}");

        assertThat(RULES.freshUntil(withNulls)).isEqualTo(Instant.parse("2024-05-01T12:30:00Z"));
        assertThat(RULES.fresh(withNulls, Instant.parse("2024-05-01T12:29:59Z"))).isTrue();
        assertThat(RULES.fresh(withNulls, Instant.parse("2024-05-01T12:30:00Z"))).isFalse();
    }

    @Test
    void anExpiresThatIsNoDateMeansAlreadyExpired() {
        CachedResponse entry = answer(Map.of("Expires", "0"), "{}");

        assertThat(RULES.fresh(entry, FETCHED)).isFalse();
    }

    @Test
    void withoutExpiresTheMaxAgeCountsFromTheAnswerOrItsLastRevalidation() {
        CachedResponse entry = answer(Map.of("Last-Modified", "Wed, 01 May 2024 11:00:00 GMT"), "{\"hourly\": [1, 2]}");
        CachedResponse revalidated = entry.revalidated(Map.of(), FETCHED.plus(Duration.ofDays(40)));

        assertThat(RULES.freshUntil(entry)).isEqualTo(FETCHED.plus(Duration.ofDays(30)));
        assertThat(RULES.freshUntil(revalidated)).isEqualTo(FETCHED.plus(Duration.ofDays(70)));
        assertThat(revalidated.lastModified()).hasValue("Wed, 01 May 2024 11:00:00 GMT");
    }

    @Test
    void withoutExpiresAnAnswerHoldingNullsIsKeptOnlyTheIncompleteMaxAge() {
        assertThat(RULES.freshUntil(answer(Map.of(), "{\"hourly\": {\"temperature_2m\": [1.5, null]}}")))
                .isEqualTo(FETCHED.plus(Duration.ofHours(24)));
        assertThat(RULES.freshUntil(answer(Map.of(), "\"not an object\""))).isEqualTo(FETCHED.plus(Duration.ofDays(30)));
    }

    @Test
    void aBodyThatIsNotExactlyOneJsonValueIsKeptAsText() {
        CachedResponse html = answer(Map.of(), "<html>maintenance</html>");
        CachedResponse truncated = answer(Map.of(), "{\"a\": 1} trailing");

        assertThat(html.body()).isNull();
        assertThat(html.bodyText()).isEqualTo("<html>maintenance</html>");
        assertThat(truncated.bodyText()).isEqualTo("{\"a\": 1} trailing");
        assertThat(html.answer().body()).isEqualTo("<html>maintenance</html>");
        assertThat(html.answer().attempts()).as("no request").isZero();
    }

    @Test
    void theDocumentedCacheFileHasTheFieldsOfOneAndIsReadAsOne() throws IOException {
        String doc = Files.readString(Path.of("docs", "weather.md"));
        String section = doc.substring(doc.indexOf("## Cache"));
        int start = section.indexOf("```json") + "```json".length();
        // without the annotations: a // after a space (a URL's // follows a colon)
        String example = section.substring(start, section.indexOf("```", start)).replaceAll("(?m)\\s+//.*$", "");
        CachedResponse documented = Json.MAPPER.readValue(example, CachedResponse.class);
        CachedResponse written = answer(Map.of("Expires", "Mon, 20 Jul 2020 12:16:23 GMT", "Last-Modified", "Mon, 20 Jul 2020 11:44:31 GMT",
                "Content-Type", "application/json"), "{\"type\": \"Feature\"}").revalidated(Map.of(), FETCHED);

        assertThat(documented.formatVersion()).isEqualTo(CachedResponse.FORMAT_VERSION);
        assertThat(documented.reusable()).isTrue();
        assertThat(documented.lastModified()).hasValue("Mon, 20 Jul 2020 11:44:31 GMT");
        assertThat(fieldNames(Json.parse(example))).isEqualTo(fieldNames(Json.parse(Json.writePretty(written))));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
