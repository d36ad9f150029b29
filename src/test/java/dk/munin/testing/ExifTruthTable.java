package dk.munin.testing;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dk.munin.contract.testing.SharedData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** ../shared/data/images_exif_summary.csv: what exiftool reads from every shared photo. */
public final class ExifTruthTable {

    private ExifTruthTable() {
    }

    /** One map per photo, keyed by the CSV's header (path, make, model, datetime_original, ...). */
    public static List<Map<String, String>> rows() {
        Path csv = SharedData.require("images_exif_summary.csv");
        try (MappingIterator<Map<String, String>> rows = new CsvMapper()
                .readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(csv.toFile())) {
            return rows.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
