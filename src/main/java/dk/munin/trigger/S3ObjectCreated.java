package dk.munin.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.state.Json;

/**
 * The object an EventBridge "Object Created" event from S3 names ({@code detail.bucket.name},
 * {@code detail.object.key}). Unlike an S3 event notification (Records[].s3.object.key), an
 * EventBridge event carries the key as it is, not URL-encoded, so it is used unchanged: decoding
 * it would turn a '+' in a file name into a space.
 */
public record S3ObjectCreated(String bucket, String key) {

    private static final String DETAIL_TYPE = "Object Created";
    private static final String SOURCE = "aws.s3";

    /** @throws IllegalArgumentException for another event, or one without bucket or key */
    public static S3ObjectCreated of(JsonNode event) {
        if (!SOURCE.equals(event.path("source").asText()) || !DETAIL_TYPE.equals(event.path("detail-type").asText())) {
            throw new IllegalArgumentException("Not an EventBridge S3 \"" + DETAIL_TYPE + "\" event (source " + SOURCE + "): got source '"
                    + event.path("source").asText() + "', detail-type '" + event.path("detail-type").asText() + "'");
        }
        String bucket = event.at("/detail/bucket/name").asText();
        String key = event.at("/detail/object/key").asText();
        if (bucket.isEmpty() || key.isEmpty()) {
            throw new IllegalArgumentException("The S3 event names no object: detail.bucket.name '" + bucket + "', detail.object.key '" + key + "'");
        }
        return new S3ObjectCreated(bucket, key);
    }

    /** For the start-execution route: the event's object as an s3:// URI. */
    public static String manifestUri(String event) {
        return of(Json.parse(event)).uri();
    }

    public String uri() {
        return "s3://" + bucket + "/" + key;
    }
}
