package dk.munin.output;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code <output_uri>/weather/event_weather.csv}: the weather columns of clusters.parquet, one
 * row per event, keyed by {@code eventID}. Camtrap DP 1.0 has no field for weather, so the
 * weather sits beside the package as a table that joins its observations' eventID (docs/weather.md);
 * a CSV, so camtrapdp and spreadsheet users read it without a Parquet reader.
 */
public final class EventWeatherCsv {

    public static final String NAME = "event_weather.csv";
    private static final String EVENT_ID = "eventID";

    private EventWeatherCsv() {
    }

    public static byte[] write(List<ClusterRow> rows) {
        StringBuilder csv = new StringBuilder();
        csv.append(Stream.concat(Stream.of(EVENT_ID), WeatherColumns.COLUMNS.stream().map(ParquetColumn::name))
                .collect(Collectors.joining(","))).append('\n');
        for (ClusterRow row : rows) {
            csv.append(Stream.concat(Stream.of(quoted(row.event().eventId())),
                    WeatherColumns.COLUMNS.stream().map(column -> cell(column, row))).collect(Collectors.joining(","))).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String cell(ParquetColumn<ClusterRow> column, ClusterRow row) {
        Object value = column.value().apply(row);
        if (value == null) {
            return "";
        }
        if (column.type() == ParquetColumn.UTC_TIME) {
            return Instant.ofEpochMilli((Long) value).toString();
        }
        return value instanceof String text ? quoted(text) : value.toString();
    }

    /** RFC 4180: a text in double quotes, quotes inside doubled. */
    private static String quoted(String text) {
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
