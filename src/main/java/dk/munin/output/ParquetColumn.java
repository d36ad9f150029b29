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
 * One column of a Parquet output: its name, Avro type, whether it may be null, meaning, and value
 * for a row. A table's columns are its schema's one definition; its docs/ page is held to them.
 */
public record ParquetColumn<R>(String name, Schema type, boolean nullable, String doc, Function<R, Object> value) {

    public static final Schema STRING = Schema.create(Schema.Type.STRING);
    public static final Schema INT = Schema.create(Schema.Type.INT);
    public static final Schema LONG = Schema.create(Schema.Type.LONG);
    public static final Schema DOUBLE = Schema.create(Schema.Type.DOUBLE);
    public static final Schema BOOLEAN = Schema.create(Schema.Type.BOOLEAN);
    /** An instant: readers show it as a point in time (DuckDB: TIMESTAMP WITH TIME ZONE). */
    public static final Schema UTC_TIME = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
    /** A wall-clock time without zone: the camera's local time, as the researcher's notes have it. */
    public static final Schema LOCAL_TIME = LogicalTypes.localTimestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
    public static final Schema STRINGS = Schema.createArray(STRING);
    public static final Schema DOUBLES = Schema.createArray(DOUBLE);

    public static <R> ParquetColumn<R> required(String name, Schema type, String doc, Function<R, Object> value) {
        return new ParquetColumn<>(name, type, false, doc, value);
    }

    public static <R> ParquetColumn<R> optional(String name, Schema type, String doc, Function<R, Object> value) {
        return new ParquetColumn<>(name, type, true, doc, value);
    }

    Schema.Field field() {
        return nullable
                ? new Schema.Field(name, Schema.createUnion(Schema.create(Schema.Type.NULL), type), doc, JsonProperties.NULL_VALUE)
                : new Schema.Field(name, type, doc);
    }

    /** The Avro record schema of a table with these columns. */
    public static <R> Schema schema(String name, String doc, List<ParquetColumn<R>> columns) {
        List<Schema.Field> fields = new ArrayList<>();
        for (ParquetColumn<R> column : columns) {
            fields.add(column.field());
        }
        return Schema.createRecord(name, doc, "dk.munin.output", false, fields);
    }

    /** One row as a record of that schema. */
    public static <R> GenericRecord record(Schema schema, List<ParquetColumn<R>> columns, R row) {
        GenericRecord record = new GenericData.Record(schema);
        for (ParquetColumn<R> column : columns) {
            record.put(column.name(), column.value().apply(row));
        }
        return record;
    }

    /** local-timestamp-millis stores the wall time's fields as if it were UTC. */
    public static Long local(LocalDateTime time) {
        return time == null ? null : time.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    public static Long utc(Instant time) {
        return time == null ? null : time.toEpochMilli();
    }
}
