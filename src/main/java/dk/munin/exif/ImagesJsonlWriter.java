package dk.munin.exif;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes {@link PhotoRecord}s as images.jsonl lines with Jackson's streaming generator.
 * Databind's ObjectMapper would write the same lines (a test holds the two to each other), but
 * building it costs about a second of a short `munin stage0` process, more than reading two
 * thousand photos; the field names and their order are the record's @JsonProperty names.
 */
final class ImagesJsonlWriter implements Closeable {

    private static final JsonFactory JSON = new JsonFactory();

    private final JsonGenerator json;

    ImagesJsonlWriter(Writer out) throws IOException {
        this.json = JSON.createGenerator(out);
        json.setRootValueSeparator(null); // each line ends with '\n' instead
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    void write(PhotoRecord r) throws IOException {
        json.writeStartObject();
        text("file", r.file());
        text("uri", r.uri());
        json.writeNumberField("bytes", r.bytes());
        json.writeNumberField("bytes_read", r.bytesRead());
        text("station", r.station());
        text("camera", r.camera());
        text("deployment_id", r.deploymentId());
        text("make", r.make());
        text("model", r.model());
        text("make_raw", r.makeRaw());
        text("model_raw", r.modelRaw());
        text("software", r.software());
        text("serial_number", r.serialNumber());
        text("user_label", r.userLabel());
        number("width", r.width());
        number("height", r.height());
        number("orientation", r.orientation());
        text("datetime_original", r.datetimeOriginal());
        text("time_source", r.timeSource());
        text("offset_time_original", r.offsetTimeOriginal());
        text("datetime_local", r.datetimeLocal());
        text("utc_offset", r.utcOffset());
        text("utc_offset_source", r.utcOffsetSource());
        text("datetime_utc", r.datetimeUtc());
        list("corrections", r.corrections());
        list("issues", r.issues());
        number("sequence_number", r.sequenceNumber());
        number("sequence_total", r.sequenceTotal());
        number("event_number", r.eventNumber());
        text("trigger_mode", r.triggerMode());
        number("ambient_temperature_c", r.ambientTemperatureC());
        text("moon_phase", r.moonPhase());
        decimal("latitude", r.latitude());
        decimal("longitude", r.longitude());
        text("position_source", r.positionSource());
        list("warnings", r.warnings());
        text("error", r.error());
        json.writeEndObject();
        json.writeRaw('\n');
    }

    @Override
    public void close() throws IOException {
        json.close();
    }

    private void text(String name, String value) throws IOException {
        json.writeFieldName(name);
        if (value == null) {
            json.writeNull();
        } else {
            json.writeString(value);
        }
    }

    private void number(String name, Number value) throws IOException {
        json.writeFieldName(name);
        if (value == null) {
            json.writeNull();
        } else {
            json.writeNumber(value.longValue());
        }
    }

    private void decimal(String name, Double value) throws IOException {
        json.writeFieldName(name);
        if (value == null) {
            json.writeNull();
        } else {
            json.writeNumber(value);
        }
    }

    private void list(String name, List<String> values) throws IOException {
        json.writeFieldName(name);
        if (values == null) {
            json.writeNull();
            return;
        }
        json.writeStartArray();
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
