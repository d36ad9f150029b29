package dk.munin.output.camtrapdp;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One resource's CSV held to its Table Schema: header, cell types, constraints, primary key. The
 * foreign keys need the other tables too, so {@link CamtrapDpValidator} calls
 * {@link #checkForeignKey} once every table is read.
 */
final class TableCheck {

    private final String file;
    private final CsvFile csv;
    private final TableSchema schema;
    private final Map<String, Integer> columns = new HashMap<>();
    private final List<Finding> findings = new ArrayList<>();

    TableCheck(String file, CsvFile csv, TableSchema schema) {
        this.file = file;
        this.csv = csv;
        this.schema = schema;
        List<String> header = csv.header();
        for (int i = 0; i < header.size(); i++) {
            columns.putIfAbsent(header.get(i), i);
        }
    }

    List<Finding> findings() {
        return findings;
    }

    List<Finding> check() {
        csv.syntaxErrors().forEach(e -> findings.add(new Finding(file, null, null, "CSV syntax: " + e)));
        checkHeader();
        for (CsvFile.Row row : csv.rows()) {
            if (row.cells().size() != csv.header().size()) {
                findings.add(new Finding(file, row.row(), null, "has " + row.cells().size()
                        + " cells, the header has " + csv.header().size()));
            }
            for (TableField field : schema.fields()) {
                if (columns.containsKey(field.name())) {
                    checkCell(row, field);
                }
            }
        }
        // a field that is the whole primary key is reported once, as the primary key
        schema.fields().stream().filter(TableField::unique)
                .filter(f -> !schema.primaryKey().equals(List.of(f.name())))
                .forEach(f -> checkUnique(List.of(f.name()), "unique"));
        if (!schema.primaryKey().isEmpty()) {
            checkUnique(schema.primaryKey(), "primary key");
        }
        return findings;
    }

    /**
     * Frictionless' default {@code fieldsMatch} is {@code exact}: the header names the schema's fields,
     * all of them, in order. Values are still checked by name, so one misplaced column does not
     * turn every row into a finding.
     */
    private void checkHeader() {
        List<String> expected = schema.fieldNames();
        List<String> actual = csv.header();
        if (expected.equals(actual)) {
            return;
        }
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String want = i < expected.size() ? expected.get(i) : null;
            String got = i < actual.size() ? actual.get(i) : null;
            if (want != null && want.equals(got)) {
                continue;
            }
            String reason;
            if (want == null) {
                reason = "header column " + (i + 1) + " is '" + got + "', which the schema does not have";
            } else if (got == null) {
                reason = "header has no column " + (i + 1) + "; the schema expects '" + want + "'";
            } else {
                reason = "header column " + (i + 1) + " is '" + got + "', the schema expects '" + want + "' there";
            }
            findings.add(new Finding(file, null, want != null ? want : got, reason));
        }
    }

    private void checkCell(CsvFile.Row row, TableField field) {
        String cell = cell(row, field.name());
        if (cell == null || schema.missingValues().contains(cell)) {
            if (field.required()) {
                findings.add(new Finding(file, row.row(), field.name(), "is required but empty"));
            }
            return;
        }
        if (field.minLength() != null && cell.length() < field.minLength()) {
            add(row, field, "'" + cell + "' is shorter than minLength " + field.minLength());
        }
        if (field.maxLength() != null && cell.length() > field.maxLength()) {
            add(row, field, "'" + cell + "' is longer than maxLength " + field.maxLength());
        }
        if (field.pattern() != null && !field.pattern().matcher(cell).matches()) {
            add(row, field, "'" + cell + "' does not match the pattern " + field.pattern().pattern());
        }
        if (field.type() == null || (field.type().hasTemporalFormat() && field.temporalFormatter() == null)) {
            return; // reported once as unchecked by the validator
        }
        Object value;
        try {
            value = field.type().read(cell, field);
        } catch (IllegalArgumentException notOfType) {
            add(row, field, notOfType.getMessage());
            return;
        }
        if (field.enumValues() != null && field.enumValues().stream().noneMatch(v -> same(v, value))) {
            add(row, field, "'" + cell + "' is not one of " + field.enumValues());
        }
        if (field.minimum() != null && compare(value, field.minimum()) < 0) {
            add(row, field, "'" + cell + "' is below the minimum " + field.minimum());
        }
        if (field.maximum() != null && compare(value, field.maximum()) > 0) {
            add(row, field, "'" + cell + "' is above the maximum " + field.maximum());
        }
    }

    private void add(CsvFile.Row row, TableField field, String reason) {
        findings.add(new Finding(file, row.row(), field.name(), reason));
    }

    private void checkUnique(List<String> fields, String what) {
        Map<List<String>, Integer> firstRow = new HashMap<>();
        for (CsvFile.Row row : csv.rows()) {
            List<String> key = key(row, fields);
            if (key == null) {
                continue; // a missing value is checked by required; Frictionless ignores it for unique
            }
            Integer first = firstRow.putIfAbsent(key, row.row());
            if (first != null) {
                findings.add(new Finding(file, row.row(), String.join(",", fields),
                        what + " " + String.join(",", key) + " repeats row " + first));
            }
        }
    }

    /**
     * Every row whose key fields are all filled must match a row of {@code referenced}; a row with an
     * empty key field refers to nothing (observations.mediaID is empty for event-level observations).
     */
    void checkForeignKey(ForeignKey fk, TableCheck referenced) {
        Set<List<String>> targets = new HashSet<>();
        for (CsvFile.Row row : referenced.csv.rows()) {
            List<String> key = referenced.key(row, fk.referencedFields());
            if (key != null) {
                targets.add(key);
            }
        }
        for (CsvFile.Row row : csv.rows()) {
            List<String> key = key(row, fk.fields());
            if (key != null && !targets.contains(key)) {
                findings.add(new Finding(file, row.row(), String.join(",", fk.fields()),
                        "foreign key " + String.join(",", key) + " is not a " + String.join(",", fk.referencedFields())
                                + " in " + referenced.file));
            }
        }
    }

    private List<String> key(CsvFile.Row row, List<String> fields) {
        List<String> key = new ArrayList<>();
        for (String f : fields) {
            String cell = cell(row, f);
            if (cell == null || schema.missingValues().contains(cell)) {
                return null;
            }
            key.add(cell);
        }
        return key;
    }

    private String cell(CsvFile.Row row, String field) {
        Integer i = columns.get(field);
        return i == null || i >= row.cells().size() ? null : row.cells().get(i);
    }

    private static boolean same(Object a, Object b) {
        return a instanceof Comparable<?> && a.getClass() == b.getClass() ? compare(a, b) == 0 : a.equals(b);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object value, Object bound) {
        if (value instanceof Double || bound instanceof Double) {
            return Double.compare(((Number) value).doubleValue(), ((Number) bound).doubleValue());
        }
        if (value instanceof BigDecimal v && bound instanceof BigDecimal b) {
            return v.compareTo(b);
        }
        return ((Comparable) value).compareTo(bound);
    }
}
