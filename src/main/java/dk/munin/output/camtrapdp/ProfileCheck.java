package dk.munin.output.camtrapdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * datapackage.json held to the Camtrap DP profile (a JSON Schema, draft 4 as the profile declares).
 *
 * <p>The profile {@code $ref}s remote schemas (the Frictionless data-package schema, a GeoJSON
 * schema). Nothing is fetched over the network: a remote schema is read from a local copy when the
 * caller gives one, and otherwise stands in as the empty schema {@code {}} (which accepts
 * anything) and is listed in {@link #unchecked()}, so its rules are never silently counted as
 * passed.
 */
final class ProfileCheck {

    static final String FILE = "datapackage.json";

    private final Schema schema;
    private final List<String> unchecked = new ArrayList<>();

    ProfileCheck(Path profile, Map<String, Path> remoteCopies) {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> documents = new LinkedHashMap<>();
        try {
            String profileText = Files.readString(profile);
            URI profileUri = profile.toAbsolutePath().toUri();
            collectRemote(json.readTree(profileText), profileUri, remoteCopies, documents, json, new LinkedHashSet<>());
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(quietDraft4(), b -> b
                    .schemaLoader(loader -> loader.fetchRemoteResources(false))
                    .schemas(documents::get));
            schema = registry.getSchema(SchemaLocation.of(profileUri.toString()), profileText, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Camtrap DP profile " + profile, e);
        }
    }

    /**
     * Draft 4 as the profile declares it, but with the profile's non-validating extras ({@code $defs},
     * {@code skos:exactMatch}, {@code example}) taken as annotations: by default each one logs a
     * warning on every run. {@code $ref}s into {@code #/$defs/...} still resolve, by JSON pointer.
     */
    private static Dialect quietDraft4() {
        return Dialect.builder(Dialects.getDraft4())
                .unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword))
                .build();
    }

    /**
     * Finds every remote {@code $ref} the profile (and any local copy it leads to) makes, and
     * decides what each one resolves to here.
     */
    private void collectRemote(JsonNode node, URI base, Map<String, Path> copies, Map<String, String> documents,
                               ObjectMapper json, Set<String> seen) throws IOException {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && !ref.asText().startsWith("#")) {
                URI target = base.resolve(ref.asText());
                String document = withoutFragment(target);
                if (document.startsWith("http") && seen.add(document)) {
                    Path copy = copies.get(document);
                    if (copy != null && Files.isRegularFile(copy)) {
                        String text = Files.readString(copy);
                        documents.put(document, text);
                        collectRemote(json.readTree(text), URI.create(document), copies, documents, json, seen);
                    } else {
                        documents.put(document, "{}");
                        unchecked.add(FILE + ": the profile's $ref " + document
                                + " is remote and no local copy was given (no network here); its rules were not checked");
                    }
                }
            }
            for (JsonNode child : node) {
                collectRemote(child, base, copies, documents, json, seen);
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                collectRemote(child, base, copies, documents, json, seen);
            }
        }
    }

    private static String withoutFragment(URI uri) {
        String s = uri.toString();
        int hash = s.indexOf('#');
        return hash < 0 ? s : s.substring(0, hash);
    }

    List<String> unchecked() {
        return unchecked;
    }

    List<Finding> check(String datapackageJson) {
        List<Finding> findings = new ArrayList<>();
        for (Error error : schema.validate(datapackageJson, InputFormat.JSON)) {
            // a JSON Pointer into datapackage.json; for a missing property, the property's own
            String where = error.getInstanceLocation().toString();
            if (error.getProperty() != null && "required".equals(error.getKeyword())) {
                where = where + "/" + error.getProperty();
            }
            if (where.isEmpty()) {
                where = "/";
            }
            findings.add(new Finding(FILE, null, where, error.getMessage()));
        }
        return findings;
    }
}
