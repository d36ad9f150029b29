package dk.munin.exif;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of stage0/images.jsonl: what Stage-0 learned about one photo. Times are ISO-8601;
 * {@code datetime_original} is the camera's clock as written, {@code datetime_local} the
 * corrected camera-local time, {@code datetime_utc} the corrected instant (null while the
 * camera's UTC offset is unknown). A photo Stage-0 could not read has {@code error} set.
 * The format is documented, field by field, in docs/images-jsonl.md.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"file", "uri", "bytes", "bytes_read", "station", "camera", "deployment_id",
        "make", "model", "make_raw", "model_raw", "software", "serial_number", "user_label",
        "width", "height", "orientation",
        "datetime_original", "time_source", "offset_time_original",
        "datetime_local", "utc_offset", "utc_offset_source", "datetime_utc", "corrections", "issues",
        "sequence_number", "sequence_total", "event_number", "trigger_mode", "ambient_temperature_c", "moon_phase",
        "latitude", "longitude", "position_source", "warnings", "error"})
public record PhotoRecord(
        @JsonProperty("file") String file,
        @JsonProperty("uri") String uri,
        @JsonProperty("bytes") long bytes,
        @JsonProperty("bytes_read") long bytesRead,
        @JsonProperty("station") String station,
        @JsonProperty("camera") String camera,
        @JsonProperty("deployment_id") String deploymentId,
        @JsonProperty("make") String make,
        @JsonProperty("model") String model,
        @JsonProperty("make_raw") String makeRaw,
        @JsonProperty("model_raw") String modelRaw,
        @JsonProperty("software") String software,
        @JsonProperty("serial_number") String serialNumber,
        @JsonProperty("user_label") String userLabel,
        @JsonProperty("width") Integer width,
        @JsonProperty("height") Integer height,
        @JsonProperty("orientation") Integer orientation,
        @JsonProperty("datetime_original") String datetimeOriginal,
        @JsonProperty("time_source") String timeSource,
        @JsonProperty("offset_time_original") String offsetTimeOriginal,
        @JsonProperty("datetime_local") String datetimeLocal,
        @JsonProperty("utc_offset") String utcOffset,
        @JsonProperty("utc_offset_source") String utcOffsetSource,
        @JsonProperty("datetime_utc") String datetimeUtc,
        @JsonProperty("corrections") List<String> corrections,
        @JsonProperty("issues") List<String> issues,
        @JsonProperty("sequence_number") Integer sequenceNumber,
        @JsonProperty("sequence_total") Integer sequenceTotal,
        @JsonProperty("event_number") Long eventNumber,
        @JsonProperty("trigger_mode") String triggerMode,
        @JsonProperty("ambient_temperature_c") Integer ambientTemperatureC,
        @JsonProperty("moon_phase") String moonPhase,
        @JsonProperty("latitude") Double latitude,
        @JsonProperty("longitude") Double longitude,
        @JsonProperty("position_source") String positionSource,
        @JsonProperty("warnings") List<String> warnings,
        @JsonProperty("error") String error) {

    /**
     * Version of the images.jsonl line format; bump it when a field changes meaning.
     * 2.0: UTC offsets follow the camera-clock rule (a zone's standard offset, no daylight
     * saving), maker-note times, deployments, corrections, issues and Reconyx fields.
     * 3.0: {@code camera} is the camera's folder (the station's by default, no longer the folder
     * holding the photo) and the device the photo names, {@code StationA:RECONYX H500HH06211894}
     * (docs/cameras.md); a deployment that names a camera gives its name.
     */
    public static final String FORMAT_VERSION = "3.0";

    public static final String TIME_SOURCE_EXIF = TimeSource.EXIF.label();
    public static final String TIME_SOURCE_MAKERNOTE = TimeSource.MAKERNOTE.label();
    public static final String TIME_SOURCE_NONE = TimeSource.NONE.label();
    public static final String POSITION_FROM_EXIF = "exif";
    public static final String POSITION_FROM_DEPLOYMENT = "deployment";

    /** This line with one more timestamp issue, and why as its last warning. */
    public PhotoRecord withIssue(String issue, String why) {
        List<String> moreIssues = new ArrayList<>(issues);
        moreIssues.add(issue);
        List<String> moreWarnings = new ArrayList<>(warnings);
        moreWarnings.add(why);
        return new PhotoRecord(file, uri, bytes, bytesRead, station, camera, deploymentId, make, model, makeRaw, modelRaw,
                software, serialNumber, userLabel, width, height, orientation, datetimeOriginal, timeSource,
                offsetTimeOriginal, datetimeLocal, utcOffset, utcOffsetSource, datetimeUtc, corrections,
                List.copyOf(moreIssues), sequenceNumber, sequenceTotal, eventNumber, triggerMode, ambientTemperatureC,
                moonPhase, latitude, longitude, positionSource, List.copyOf(moreWarnings), error);
    }

    public boolean failed() {
        return error != null;
    }

    public boolean hasIssues() {
        return issues != null && !issues.isEmpty();
    }
}
