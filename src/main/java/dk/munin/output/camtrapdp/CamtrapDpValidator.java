package dk.munin.output.camtrapdp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a Camtrap DP 1.0.2 package folder (datapackage.json + deployments.csv, media.csv,
 * observations.csv): the descriptor against the Camtrap DP profile, each table against its Table
 * Schema, and the foreign keys between the tables.
 *
 * <p>The schemas are read from a local folder (the official {@code camtrap-dp-profile.json} and
 * {@code <resource>-table-schema.json} files), because nothing here may go to the network; a table
 * is matched to its schema by the file name at the end of its {@code schema} URL.
 */
public final class CamtrapDpValidator {

    public static final String PROFILE_FILE = "camtrap-dp-profile.json";
    /** The tables Camtrap DP requires; other resources (like the example's inline individuals) may be added. */
    public static final List<String> REQUIRED_RESOURCES = List.of("deployments", "media", "observations");

    private final Path schemaFolder;
    private final ProfileCheck profile;
    private final ObjectMapper json = new ObjectMapper();

    /** @param schemaFolder the folder with camtrap-dp-profile.json and the three table schemas */
    public CamtrapDpValidator(Path schemaFolder) {
        this(schemaFolder, Map.of());
    }

    /**
     * @param remoteSchemaCopies local copies of the remote schemas the profile {@code $ref}s, by URL
     *                           (e.g. {@code https://specs.frictionlessdata.io/schemas/data-package.json});
     *                           those without a copy are reported in {@link Validation#unchecked()}
     */
    public CamtrapDpValidator(Path schemaFolder, Map<String, Path> remoteSchemaCopies) {
        this.schemaFolder = schemaFolder;
        // read once, so a missing or broken profile fails here, as a configuration error
        this.profile = new ProfileCheck(schemaFolder.resolve(PROFILE_FILE), Map.copyOf(remoteSchemaCopies));
    }

    public Validation validate(Path packageFolder) {
        List<Finding> findings = new ArrayList<>();
        Set<String> unchecked = new LinkedHashSet<>();
        Path descriptorFile = packageFolder.resolve(ProfileCheck.FILE);
        String descriptorText;
        JsonNode descriptor;
        try {
            descriptorText = Files.readString(descriptorFile);
            descriptor = json.readTree(descriptorText);
        } catch (JsonProcessingException e) {
            findings.add(new Finding(ProfileCheck.FILE, null, null, "is not JSON: " + e.getOriginalMessage()));
            return new Validation(findings, List.copyOf(unchecked));
        } catch (IOException e) {
            findings.add(new Finding(ProfileCheck.FILE, null, null, "cannot be read: " + e));
            return new Validation(findings, List.copyOf(unchecked));
        }

        unchecked.addAll(profile.unchecked());
        findings.addAll(profile.check(descriptorText));

        Map<String, TableCheck> tables = new LinkedHashMap<>();
        Map<String, TableSchema> schemas = new LinkedHashMap<>();
        Set<String> present = new LinkedHashSet<>();
        for (JsonNode resource : descriptor.path("resources")) {
            String name = resource.path("name").asText();
            present.add(name);
            readTable(resource, packageFolder, findings, unchecked).ifPresent(t -> {
                tables.put(name, t.check());
                schemas.put(name, t.schema());
            });
        }
        for (String required : REQUIRED_RESOURCES) {
            if (!present.contains(required)) {
                findings.add(new Finding(ProfileCheck.FILE, null, "/resources",
                        "has no '" + required + "' resource, which Camtrap DP requires"));
            }
        }
        // foreign keys last: they need every table read
        for (Map.Entry<String, TableCheck> table : tables.entrySet()) {
            for (ForeignKey fk : schemas.get(table.getKey()).foreignKeys()) {
                String target = fk.resource().isEmpty() ? table.getKey() : fk.resource();
                TableCheck referenced = tables.get(target);
                if (referenced == null) {
                    unchecked.add(table.getKey() + ": foreign key " + fk.fields() + " → " + target
                            + " not checked, the package has no readable '" + target + "' table");
                } else {
                    table.getValue().checkForeignKey(fk, referenced);
                }
            }
            findings.addAll(table.getValue().findings());
        }
        return new Validation(findings, List.copyOf(unchecked));
    }

    private Optional<Pending> readTable(JsonNode resource, Path packageFolder, List<Finding> findings,
                                        Set<String> unchecked) {
        String name = resource.path("name").asText();
        if (resource.has("data")) {
            unchecked.add("resource '" + name + "': inline data is not checked");
            return Optional.empty();
        }
        JsonNode path = resource.get("path");
        if (path == null || !path.isTextual()) {
            unchecked.add("resource '" + name + "': no single local path; not checked");
            return Optional.empty();
        }
        String file = path.asText();
        if (file.contains("://")) {
            unchecked.add("resource '" + name + "': remote path " + file + " is not checked");
            return Optional.empty();
        }
        TableSchema schema = schemaOf(resource, name, unchecked);
        if (schema == null) {
            return Optional.empty();
        }
        Path csvFile = packageFolder.resolve(file);
        if (!Files.isRegularFile(csvFile)) {
            findings.add(new Finding(file, null, null, "is named by resource '" + name + "' but is not in the package"));
            return Optional.empty();
        }
        for (TableField field : schema.fields()) {
            if (field.unsupported() != null) {
                unchecked.add(file + " field " + field.name() + ": " + field.unsupported());
            }
        }
        try {
            return Optional.of(new Pending(new TableCheck(file, CsvFile.read(csvFile), schema), schema));
        } catch (IOException e) {
            findings.add(new Finding(file, null, null, "cannot be read: " + e));
            return Optional.empty();
        }
    }

    /** A table read from its CSV, not yet checked. */
    private record Pending(TableCheck table, TableSchema schema) {
        TableCheck check() {
            table.check();
            return table;
        }
    }

    /**
     * The schema a resource declares: inline, or a URL whose file name is looked up in the local
     * schema folder (the official URLs end in e.g. {@code /1.0.2/media-table-schema.json}; the
     * version itself is held to 1.0.2 by the profile).
     */
    private TableSchema schemaOf(JsonNode resource, String name, Set<String> unchecked) {
        JsonNode schema = resource.get("schema");
        if (schema != null && schema.isObject()) {
            return new TableSchema(schema);
        }
        if (schema == null || !schema.isTextual()) {
            unchecked.add("resource '" + name + "': no table schema; its data is not checked");
            return null;
        }
        String url = schema.asText();
        Path local = schemaFolder.resolve(url.substring(url.lastIndexOf('/') + 1));
        if (!Files.isRegularFile(local)) {
            unchecked.add("resource '" + name + "': its schema " + url + " has no local copy in " + schemaFolder
                    + "; its data is not checked");
            return null;
        }
        try {
            return new TableSchema(json.readTree(Files.readString(local)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the table schema " + local, e);
        }
    }
}
