package dk.munin.output;

import dk.munin.cluster.Event;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static dk.munin.output.ParquetColumn.BOOLEAN;
import static dk.munin.output.ParquetColumn.DOUBLE;
import static dk.munin.output.ParquetColumn.DOUBLES;
import static dk.munin.output.ParquetColumn.INT;
import static dk.munin.output.ParquetColumn.LOCAL_TIME;
import static dk.munin.output.ParquetColumn.STRING;
import static dk.munin.output.ParquetColumn.STRINGS;
import static dk.munin.output.ParquetColumn.UTC_TIME;
import static dk.munin.output.ParquetColumn.local;
import static dk.munin.output.ParquetColumn.optional;
import static dk.munin.output.ParquetColumn.required;
import static dk.munin.output.ParquetColumn.utc;

/**
 * The columns of clusters.parquet: name, Avro type, meaning and where each value comes from.
 * This is the one place the format is defined; docs/clusters-parquet.md describes it and a
 * test holds the two together. Bump {@link #VERSION} when a column changes meaning or type.
 * 2.0: one row per independent record (camtrapR's), species and species_from in place of
 * category, the best box, the most boxes in one photo, timestamp issues and sequences.
 * 3.0: the weather's provenance (source, record time and offset, attribution), the dew point,
 * gusts, visibility and UV index, weather_days_back's summaries, the statuses no_location and
 * negative; weather_step_time became weather_record_time.
 */
public final class ClustersSchema {

    /** The schema version, stored in the file's key-value metadata under {@link #VERSION_KEY}. */
    public static final String VERSION = "3.0";
    public static final String VERSION_KEY = "munin.clusters.schema_version";

    private static final List<ParquetColumn<ClusterRow>> EVENT_COLUMNS = List.of(
            required("session_id", STRING, "the run's session_id", ClusterRow::sessionId),
            required("event_id", STRING, "the event's id, unique within the session", row -> row.event().eventId()),
            optional("station", STRING, "station of the camera (docs/cameras.md)", row -> row.event().station()),
            optional("camera", STRING, "camera of the event's first photo (docs/cameras.md)", row -> row.event().camera()),
            required("species", STRING, "the folder's species label, or the detector category (animal, person, vehicle)", row -> row.event().species()),
            required("species_from", STRING, "folder or detector: where species came from", row -> row.event().speciesFrom()),
            optional("start_local", LOCAL_TIME, "first photo, camera-local wall time; null for a photo without any time", row -> local(row.event().startLocal())),
            optional("end_local", LOCAL_TIME, "last photo, camera-local wall time; null for a photo without any time", row -> local(row.event().endLocal())),
            optional("start_utc", UTC_TIME, "first photo, UTC; null when the camera's time zone is unknown", row -> utc(row.event().startUtc())),
            optional("end_utc", UTC_TIME, "last photo, UTC; null when the camera's time zone is unknown", row -> utc(row.event().endUtc())),
            required("photo_count", INT, "photos in the event", row -> row.event().photoCount()),
            required("detection_count", INT, "boxes that count: at or above their category's threshold, not repeat detections", row -> row.event().detectionCount()),
            required("max_boxes_in_photo", INT, "the most such boxes in one photo: a minimum count of individuals", row -> row.event().maxBoxesInPhoto()),
            optional("max_conf", DOUBLE, "highest confidence of those boxes, 0..1; null for a labelled event without boxes", row -> row.event().maxConf()),
            required("best_file", STRING, "the photo with the most confident box (else the record's photo), relative to input_uri", row -> row.event().bestFile()),
            optional("best_category", STRING, "that box's detector category; null without boxes", row -> best(row, Event.Box::category)),
            optional("best_bbox", DOUBLES, "that box, [x, y, width, height] relative to the image from its top-left corner", row -> best(row, Event.Box::bbox)),
            optional("latitude", DOUBLE, "WGS84 degrees north of the station; null without GPS or deployment", row -> row.event().latitude()),
            optional("longitude", DOUBLE, "WGS84 degrees east of the station; null without GPS or deployment", row -> row.event().longitude()),
            required("time_unusable", BOOLEAN, "the photo had no usable time: an event of its own, never merged", row -> row.event().timeUnusable()),
            required("timestamp_issues", STRINGS, "Stage-0's timestamp issues of the event's photos (docs/time-correction.md)", row -> row.event().timestampIssues()),
            required("sequences", STRINGS, "the sequences (bursts) of the event's photos", row -> row.event().sequences()),
            required("files", STRINGS, "the event's photos, relative to input_uri, in time order", row -> row.event().files()));

    public static final List<ParquetColumn<ClusterRow>> COLUMNS = Stream.concat(EVENT_COLUMNS.stream(),
            WeatherColumns.COLUMNS.stream()).toList();

    public static final Schema SCHEMA = ParquetColumn.schema("cluster", "One independent event of a Munin session, with its weather",
            COLUMNS);

    private ClustersSchema() {
    }

    static GenericRecord record(ClusterRow row) {
        return ParquetColumn.record(SCHEMA, COLUMNS, row);
    }

    private static Object best(ClusterRow row, Function<Event.Box, Object> part) {
        return row.event().bestBox() == null ? null : part.apply(row.event().bestBox());
    }
}
