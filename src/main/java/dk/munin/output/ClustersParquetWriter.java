package dk.munin.output;

import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;

import java.util.List;
import java.util.Map;

/** Writes clusters.parquet (schema: {@link ClustersSchema}), whole or not at all. */
public class ClustersParquetWriter {

    private final ParquetOutput output;

    public ClustersParquetWriter(ObjectStore store) {
        this.output = new ParquetOutput(store);
    }

    public void write(Location target, List<ClusterRow> rows) {
        output.write(target, ClustersSchema.SCHEMA, Map.of(ClustersSchema.VERSION_KEY, ClustersSchema.VERSION),
                writer -> rows.forEach(row -> writer.accept(ClustersSchema.record(row))));
    }
}
