package dk.munin.exif;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One line of stage0/images.jsonl: what Stage-0 learned about one photo. Times are ISO-8601;
 * {@code datetime_original} is the camera's clock as written, {@code datetime_local} the
 * corrected camera-local time, {@code datetime_utc} the corrected instant (null while the
 * camera's time zone is unknown). A photo Stage-0 could not read has {@code error} set.
 * The format is documented in docs/images-jsonl.md.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PhotoRecord(
        @JsonProperty("file") String file,
        @JsonProperty("uri") String uri,
        @JsonProperty("bytes") long bytes,
        @JsonProperty("station") String station,
        @JsonProperty("camera") String camera,
        @JsonProperty("make") String make,
        @JsonProperty("model") String model,
        @JsonProperty("width") Integer width,
        @JsonProperty("height") Integer height,
        @JsonProperty("orientation") Integer orientation,
        @JsonProperty("datetime_original") String datetimeOriginal,
        @JsonProperty("time_source") String timeSource,
        @JsonProperty("datetime_local") String datetimeLocal,
        @JsonProperty("utc_offset") String utcOffset,
        @JsonProperty("datetime_utc") String datetimeUtc,
        @JsonProperty("corrections") List<String> corrections,
        @JsonProperty("latitude") Double latitude,
        @JsonProperty("longitude") Double longitude,
        @JsonProperty("error") String error) {

    /** Version of the images.jsonl line format; bump it when a field changes meaning. */
    public static final String FORMAT_VERSION = "1.0";

    public static final String TIME_SOURCE_EXIF = "exif";
    public static final String TIME_SOURCE_NONE = "none";

    public boolean failed() {
        return error != null;
    }
}
