package dk.munin.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DuckDB in memory: an independent Parquet reader, so the tests do not read back with the writer's library. */
public final class DuckDb {

    private DuckDb() {
    }

    /** Runs {@code sql} with {@code $file} replaced by the quoted path; one map per row, columns in order. */
    public static List<Map<String, Object>> query(String sql, Path parquet) {
        String quoted = "'" + parquet.toAbsolutePath().toString().replace("'", "''") + "'";
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql.replace("$file", quoted))) {
            ResultSetMetaData meta = result.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), result.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB could not run: " + sql, e);
        }
    }

    /** Column name to DuckDB type, as DESCRIBE reports them. */
    public static Map<String, String> columnTypes(Path parquet) {
        Map<String, String> types = new LinkedHashMap<>();
        for (Map<String, Object> row : query("DESCRIBE SELECT * FROM read_parquet($file)", parquet)) {
            types.put((String) row.get("column_name"), (String) row.get("column_type"));
        }
        return types;
    }
}
