package dk.munin.output;

import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes a Parquet file to a local temporary file without Hadoop's FileSystem, then uploads it
 * in one piece, so readers never see a half-written file. Rows are handed over one by one, so
 * a table of millions of rows never has to be in memory at once.
 */
public class ParquetOutput {

    /** Snappy: read by every Parquet reader (DuckDB, pandas/pyarrow, R arrow, Spark). */
    private static final CompressionCodecName CODEC = CompressionCodecName.SNAPPY;

    private final ObjectStore store;

    public ParquetOutput(ObjectStore store) {
        this.store = store;
    }

    /** The rows a producer writes, one call of the given consumer per row. */
    public interface Rows {
        void writeTo(Consumer<GenericRecord> writer);
    }

    /** @param metadata the file's key-value metadata, e.g. its schema version */
    public void write(Location target, Schema schema, Map<String, String> metadata, Rows rows) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("munin-parquet-");
            Path file = folder.resolve(target.name());
            writeLocal(file, schema, metadata, rows);
            store.upload(target, file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        } finally {
            deleteQuietly(folder);
        }
    }

    private static void writeLocal(Path file, Schema schema, Map<String, String> metadata, Rows rows) throws IOException {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        // The standard three-level LIST, which every reader understands the same way.
        conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withConf(conf)
                .withSchema(schema)
                .withDataModel(GenericData.get())
                .withCompressionCodec(CODEC)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withExtraMetaData(metadata)
                .build()) {
            rows.writeTo(record -> {
                try {
                    writer.write(record);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot write a row of " + file.getFileName(), e);
                }
            });
        }
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException ignored) {
            // a leftover temporary file is harmless; the upload has already succeeded or failed
        }
    }
}
