package dk.munin.output;

import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The columns of clusters.parquet: name, Avro type, meaning and where each value comes from.
 * This is the one place the format is defined; docs/clusters-parquet.md describes it and a
 * test holds the two together. Bump {@link #VERSION} when a column changes meaning or type.
 */
public final class ClustersSchema {

    /** The schema version, stored in the file's key-value metadata under {@link #VERSION_KEY}. */
    public static final String VERSION = "1.0";
    public static final String VERSION_KEY = "munin.clusters.schema_version";

    private static final Schema STRING = Schema.create(Schema.Type.STRING);
    private static final Schema INT = Schema.create(Schema.Type.INT);
    private static final Schema DOUBLE = Schema.create(Schema.Type.DOUBLE);
    /** An instant: readers show it as a point in time (DuckDB: TIMESTAMP WITH TIME ZONE). */
    private static final Schema UTC_TIME = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
    /** A wall-clock time without zone: the camera's local time, as the researcher's notes have it. */
    private static final Schema LOCAL_TIME = LogicalTypes.localTimestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
    private static final Schema STRINGS = Schema.createArray(STRING);

    /** One column: its name, Avro type, whether it may be null, meaning, and value for a row. */
    public record Column(String name, Schema type, boolean nullable, String doc, Function<ClusterRow, Object> value) {

        Schema.Field field() {
            return nullable
                    ? new Schema.Field(name, Schema.createUnion(Schema.create(Schema.Type.NULL), type), doc, JsonProperties.NULL_VALUE)
                    : new Schema.Field(name, type, doc);
        }
    }

    public static final List<Column> COLUMNS = List.of(
            required("session_id", STRING, "the run's session_id", ClusterRow::sessionId),
            required("event_id", STRING, "the event's id, unique within the session", row -> row.event().eventId()),
            optional("station", STRING, "station (folder) of the camera", row -> row.event().station()),
            optional("camera", STRING, "camera identity", row -> row.event().camera()),
            required("category", STRING, "detection category: animal, person or vehicle", row -> row.event().category()),
            optional("start_local", LOCAL_TIME, "first photo, camera-local wall time; null for a photo without any time", row -> local(row.event().startLocal())),
            optional("end_local", LOCAL_TIME, "last photo, camera-local wall time; null for a photo without any time", row -> local(row.event().endLocal())),
            optional("start_utc", UTC_TIME, "first photo, UTC; null when the camera's time zone is unknown", row -> utc(row.event().startUtc())),
            optional("end_utc", UTC_TIME, "last photo, UTC; null when the camera's time zone is unknown", row -> utc(row.event().endUtc())),
            required("photo_count", INT, "photos in the event", row -> row.event().photoCount()),
            required("detection_count", INT, "detections at or above the confidence threshold", row -> row.event().detectionCount()),
            required("max_conf", DOUBLE, "highest detection confidence in the event, 0..1", row -> row.event().maxConf()),
            optional("latitude", DOUBLE, "WGS84 degrees north; null without GPS", row -> row.event().latitude()),
            optional("longitude", DOUBLE, "WGS84 degrees east; null without GPS", row -> row.event().longitude()),
            required("files", STRINGS, "the event's photos, relative to input_uri, in time order", row -> row.event().files()),
            required("weather_status", STRING, "available or unavailable", row -> row.weather().status()),
            optional("weather_reason", STRING, "why there is no weather; null when available", row -> row.weather().reason()),
            optional("weather_provider", STRING, "metno or none; null when weather did not run", row -> row.weather().provider()),
            optional("weather_step_time", UTC_TIME, "the forecast time step the values are from", row -> utc(row.weather().stepTime())),
            optional("air_temperature_c", DOUBLE, "air temperature, degrees Celsius", row -> row.weather().airTemperatureC()),
            optional("relative_humidity_percent", DOUBLE, "relative humidity, %", row -> row.weather().relativeHumidityPercent()),
            optional("wind_speed_ms", DOUBLE, "wind speed, m/s", row -> row.weather().windSpeedMs()),
            optional("wind_from_direction_deg", DOUBLE, "direction the wind blows from, degrees clockwise from north", row -> row.weather().windFromDirectionDeg()),
            optional("cloud_area_fraction_percent", DOUBLE, "cloud cover, %", row -> row.weather().cloudAreaFractionPercent()),
            optional("air_pressure_at_sea_level_hpa", DOUBLE, "air pressure reduced to sea level, hPa", row -> row.weather().airPressureAtSeaLevelHpa()),
            optional("precipitation_amount_mm", DOUBLE, "precipitation over precipitation_period_hours from the step, mm", row -> row.weather().precipitationAmountMm()),
            optional("precipitation_period_hours", INT, "1 or 6: the period precipitation and symbol_code cover", row -> row.weather().precipitationPeriodHours()),
            optional("symbol_code", STRING, "MET Norway weather symbol for that period, e.g. lightrain_night", row -> row.weather().symbolCode()));

    public static final Schema SCHEMA = schema();

    private ClustersSchema() {
    }

    static GenericRecord record(ClusterRow row) {
        GenericRecord record = new GenericData.Record(SCHEMA);
        for (Column column : COLUMNS) {
            record.put(column.name(), column.value().apply(row));
        }
        return record;
    }

    private static Schema schema() {
        List<Schema.Field> fields = new ArrayList<>();
        for (Column column : COLUMNS) {
            fields.add(column.field());
        }
        return Schema.createRecord("cluster", "One independent event of a Munin session, with its weather",
                "dk.munin.output", false, fields);
    }

    private static Column required(String name, Schema type, String doc, Function<ClusterRow, Object> value) {
        return new Column(name, type, false, doc, value);
    }

    private static Column optional(String name, Schema type, String doc, Function<ClusterRow, Object> value) {
        return new Column(name, type, true, doc, value);
    }

    /** local-timestamp-millis stores the wall time's fields as if it were UTC. */
    private static Long local(LocalDateTime time) {
        return time == null ? null : time.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static Long utc(Instant time) {
        return time == null ? null : time.toEpochMilli();
    }
}
