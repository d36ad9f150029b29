package dk.munin.output;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

import java.util.List;

import static dk.munin.output.ParquetColumn.DOUBLE;
import static dk.munin.output.ParquetColumn.LOCAL_TIME;
import static dk.munin.output.ParquetColumn.STRING;
import static dk.munin.output.ParquetColumn.UTC_TIME;
import static dk.munin.output.ParquetColumn.local;
import static dk.munin.output.ParquetColumn.optional;
import static dk.munin.output.ParquetColumn.required;
import static dk.munin.output.ParquetColumn.utc;

/**
 * The columns of detections.parquet, one row per detector box: the table a notebook wants. The
 * one place the format is defined; docs/detections-parquet.md describes it and a test holds the
 * two together. Bump {@link #VERSION} when a column changes meaning or type.
 */
public final class DetectionsSchema {

    public static final String VERSION = "1.0";
    public static final String VERSION_KEY = "munin.detections.schema_version";

    public static final List<ParquetColumn<DetectionRow>> COLUMNS = List.of(
            required("session_id", STRING, "the run's session_id", DetectionRow::sessionId),
            required("file", STRING, "the photo, relative to input_uri", DetectionRow::file),
            optional("station", STRING, "the photo's station (docs/cameras.md)", DetectionRow::station),
            optional("camera", STRING, "the photo's camera (docs/cameras.md)", DetectionRow::camera),
            optional("deployment_id", STRING, "the manifest deployment the photo belongs to", DetectionRow::deploymentId),
            optional("datetime_local", LOCAL_TIME, "the photo's corrected camera-local time; null without a usable time", row -> local(row.localTime())),
            optional("datetime_utc", UTC_TIME, "the photo's corrected instant; null while the camera's time zone is unknown", row -> utc(row.utc())),
            optional("sequence_id", STRING, "the sequence (burst) of the photo", DetectionRow::sequenceId),
            required("category", STRING, "the detector category: animal, person or vehicle", DetectionRow::category),
            required("conf", DOUBLE, "the detector's confidence, 0..1", DetectionRow::conf),
            required("bbox_x", DOUBLE, "left edge, relative to the image width, from the left", DetectionRow::x),
            required("bbox_y", DOUBLE, "top edge, relative to the image height, from the top", DetectionRow::y),
            required("bbox_width", DOUBLE, "width, relative to the image width", DetectionRow::width),
            required("bbox_height", DOUBLE, "height, relative to the image height", DetectionRow::height),
            required("status", STRING, "counted, below_threshold or repeat_detection", DetectionRow::status),
            optional("repeat_reason", STRING, "why the box was flagged as a repeat detection; null otherwise", DetectionRow::repeatReason),
            optional("event_id", STRING, "the event (clusters.parquet) the box counts in; null when none", DetectionRow::eventId));

    public static final Schema SCHEMA = ParquetColumn.schema("detection", "One detector box of a Munin session", COLUMNS);

    private DetectionsSchema() {
    }

    public static GenericRecord record(DetectionRow row) {
        return ParquetColumn.record(SCHEMA, COLUMNS, row);
    }
}
