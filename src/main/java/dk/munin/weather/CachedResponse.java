package dk.munin.weather;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.state.Json;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One file of {@code <output_uri>/weather/cache/<provider>/}: a service's 200 answer with the
 * request it answered, kept so that a re-run asks again only when the service says the answer
 * may have changed (docs/weather.md, "Cache"). The files are also the record of what each
 * service sent and when. Never holds a request header, so never a credential.
 *
 * @param formatVersion  {@link #FORMAT_VERSION}; a file of another version is not read
 * @param requestUrl     the URL with its query, as sent (credentials in it left out)
 * @param requestedAt    when the answer came
 * @param revalidatedAt  when a 304 Not Modified last said it is still current; null until one did
 * @param status         the HTTP status: 200, only successes are kept
 * @param headers        the answer's Expires, Last-Modified, Date and Content-Type, those it had
 * @param body           the body as JSON, when it was JSON
 * @param bodyText       the body as it came, when it was not JSON
 * @param unreadable     true once the provider could not read the body: kept to be looked at, never reused
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CachedResponse(
        @JsonProperty(value = "format_version", required = true) String formatVersion,
        @JsonProperty(value = "request_url", required = true) String requestUrl,
        @JsonProperty(value = "requested_at", required = true) Instant requestedAt,
        @JsonProperty("revalidated_at") Instant revalidatedAt,
        @JsonProperty(value = "status", required = true) int status,
        @JsonProperty("headers") Map<String, String> headers,
        @JsonProperty("body") JsonNode body,
        @JsonProperty("body_text") String bodyText,
        @JsonProperty("unreadable") Boolean unreadable) {

    static final String FORMAT_VERSION = "1.0";
    static final String EXPIRES = "Expires";
    static final String LAST_MODIFIED = "Last-Modified";

    CachedResponse {
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A 200 answer to {@code requestUrl} as it is kept: a JSON body parsed, any other as text. */
    static CachedResponse of(String requestUrl, Instant requestedAt, WeatherHttp.Answer answer) {
        Optional<JsonNode> json = json(answer.body());
        return new CachedResponse(FORMAT_VERSION, requestUrl, requestedAt, null, answer.status(), answer.headers(),
                json.orElse(null), json.isPresent() ? null : answer.body(), null);
    }

    /** The answer as the service gave it, without a request (0 attempts). */
    WeatherHttp.Answer answer() {
        return new WeatherHttp.Answer(status, body == null ? bodyText : Json.write(body), null, 0, headers);
    }

    /**
     * The same body, confirmed current by a 304 at {@code at}: the 304's Expires, Date and
     * Last-Modified replace the old ones, as HTTP has a 304 update the stored answer.
     */
    CachedResponse revalidated(Map<String, String> notModifiedHeaders, Instant at) {
        Map<String, String> updated = new LinkedHashMap<>(headers);
        updated.putAll(notModifiedHeaders);
        return new CachedResponse(formatVersion, requestUrl, requestedAt, at, status, updated, body, bodyText, unreadable);
    }

    /** The same file, marked so that no run reuses it (the provider could not read the body). */
    CachedResponse markedUnreadable() {
        return new CachedResponse(formatVersion, requestUrl, requestedAt, revalidatedAt, status, headers, body, bodyText, true);
    }

    /** Worth reusing at all: of this format and read by its provider before. */
    @JsonIgnore
    boolean reusable() {
        return FORMAT_VERSION.equals(formatVersion) && !Boolean.TRUE.equals(unreadable) && (body != null || bodyText != null);
    }

    /** The last time the service vouched for the body: its 200, or the latest 304 since. */
    @JsonIgnore
    Instant confirmedAt() {
        return revalidatedAt == null ? requestedAt : revalidatedAt;
    }

    @JsonIgnore
    Optional<String> lastModified() {
        return Optional.ofNullable(headers.get(LAST_MODIFIED)).filter(value -> !value.isBlank());
    }

    /**
     * The answer's Expires: empty without one, {@link Instant#MIN} for one that is not a date
     * (HTTP reads an invalid Expires, such as "0", as already expired).
     */
    @JsonIgnore
    Optional<Instant> expires() {
        String value = headers.get(EXPIRES);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.of(Instant.MIN);
        }
    }

    /** A null anywhere in a JSON body: Open-Meteo's archive answers null for hours it does not hold yet. */
    @JsonIgnore
    boolean holdsNulls() {
        return body != null && holdsNulls(body);
    }

    private static boolean holdsNulls(JsonNode node) {
        if (node.isNull()) {
            return true;
        }
        for (JsonNode child : node) {
            if (holdsNulls(child)) {
                return true;
            }
        }
        return false;
    }

    /** The body as JSON if it is exactly one JSON value (a truncated or an HTML body is text). */
    private static Optional<JsonNode> json(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
