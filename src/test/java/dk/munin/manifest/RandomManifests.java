package dk.munin.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.state.Json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Random JSON documents for the manifest rules' property tests, from one seeded {@link Random}:
 * any value, objects of manifest field names, a valid manifest with every field mutated at a random
 * place, deep nesting, times and zones at the calendar's edges, manifests of allowed values. The
 * awkward scalars (huge and odd numbers, NaN-like strings, unicode, control characters) are drawn
 * far more often than chance would.
 */
final class RandomManifests {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final List<String> FIELD_NAMES = List.of("input_uri", "output_uri", "budget_dkk", "use_spot", "max_images",
            "max_job_duration", "weather_days_back", "session_id", "time_zone", "deployments", "species_from", "events",
            "project", "mode", "max_runtime_min", "execution", "deployment_id", "station", "camera", "serial_number",
            "user_label", "latitude", "longitude", "start", "end", "time_corrections", "type", "offset", "setup",
            "collection", "camera_time", "true_time", "min_delta_time", "delta_time_compared_to", "cameras_independent",
            "exclude", "title", "sampling_design", "contributors", "email", "role", "organization", "path",
            "", " ", "Input_Uri", "budget_dkk ", "ø", "\u0000", "__proto__", "\uD83E\uDD89", "x".repeat(300));
    /** Strings a parser or a typo makes of numbers, times, zones, locations and names. */
    private static final List<String> ODD_TEXTS = List.of("", " ", "\t\n", "NaN", "-NaN", "Infinity", "-Infinity", "1e999",
            "-0", "0x10", "25", "25 DKK", "1,5", "true", "null", "undefined", "{}", "[]", "\u0000", "\uFEFF", "\uD83E\uDD89",
            "\uD83E", "ø", "Å", "日本", "e\u0301", "\u202Eevil", "../../x.jpg", "/", "s3://", "s3:///key", "s3://b", "file:",
            "file://", "file://host/x", "file:/%zz", "ftp://x/y", "C:\\photos", "~", "-", "--input", "\nnewline",
            "+999999999-12-31T23:59:59-18:00", "-999999999-01-01T00:00:00+18:00", "9999-12-31T23:59:59", "0000-01-01T00:00:00",
            "2024-02-30T00:00:00", "2024-04-01T12:00:00", "2024-04-01T12:00:00+02:00", "2024-04-01T12:00:00Z",
            "2024-04-01T24:00:00", "+99999y", "-9999y", "+999999d", "+999999:59:59", "+1y", "-12:00:00",
            "+0000:00:00 01:00:00", "+9999:99:999999 999999:99:99", "Europe/Copenhagen", "+18:00", "-18:00", "+18:01",
            "UTC+25", "GMT+", "Z", "SystemV/AST4", "Europe/Nowhere", "offset", "drift", "hybrid", "LOCAL", "folder",
            "detector", "last_record", "first_record", "contact", "simpleRandom", "x".repeat(5_000), "é".repeat(3_000));
    private static final String[] EDGE_TIMES = {"+999999999-12-31T23:59:59-18:00", "-999999999-01-01T00:00:00+18:00",
            "+999999999-12-31T23:59:59.999999999", "-999999999-01-01T00:00:00", "9999-12-31T23:59:59+18:00",
            "0001-01-01T00:00:00-18:00", "0000-01-01T00:00:00", "-0001-12-31T23:59:59Z", "2024-04-01T12:00:00",
            "2024-04-01T12:00:00.000000001", "2024-04-01T12:00:00+14:00", "+10000-01-01T00:00:00Z", "2024-03-31T02:30:00"};
    private static final String[] EDGE_ZONES = {"+18:00", "-18:00", "Europe/Copenhagen", "Pacific/Kiritimati", "America/St_Johns", "UTC"};
    private static final String[] EDGE_OFFSETS = {"+9999y", "-9999y", "+999999d", "-999999:59:59", "+9999:99:999999 999999:99:99", "+1y"};
    private static final String[] ZONES = {"Europe/Copenhagen", "UTC", "+01:00", "-18:00", "+18:00", "Pacific/Kiritimati"};
    /** Jackson refuses documents nested deeper than 1,000 levels; the rules must cope up to there. */
    static final int DEEPEST = 990;

    private final Random random;

    RandomManifests(long seed) {
        this.random = new Random(seed);
    }

    /** Any JSON value, nested up to {@code depth} levels. */
    JsonNode value(int depth) {
        int pick = random.nextInt(8);
        if (depth == 0 || pick < 6) {
            return leaf();
        }
        return pick == 6 ? array(depth - 1) : object(depth - 1);
    }

    /** An object whose keys are manifest field names (and some near misses), its values anything. */
    ObjectNode object(int depth) {
        ObjectNode object = NODES.objectNode();
        for (int i = random.nextInt(7); i > 0; i--) {
            object.set(pick(FIELD_NAMES), depth == 0 ? leaf() : value(depth - 1));
        }
        return object;
    }

    /** A manifest with every field, mutated one to three times at random places of its tree. */
    ObjectNode mutatedManifest() {
        ObjectNode manifest = richManifest();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            mutate(manifest);
        }
        return manifest;
    }

    /** The seed's manifest with one field nested up to {@link #DEEPEST} levels deep, in arrays or objects. */
    ObjectNode deeplyNested() {
        String field = pick(FIELD_NAMES);
        JsonNode nested = leaf();
        boolean inArrays = random.nextBoolean();
        for (int depth = 1 + random.nextInt(DEEPEST); depth > 0; depth--) {
            nested = inArrays ? NODES.arrayNode().add(nested) : NODES.objectNode().set(field, nested);
        }
        ObjectNode manifest = ManifestRulesTest.seedExample();
        manifest.set(field.isBlank() ? "deployments" : field, nested);
        return manifest;
    }

    /** A deployment whose times, zones and corrections are drawn from the extremes a parser accepts. */
    ObjectNode edgeDeployment() {
        ObjectNode manifest = ManifestRulesTest.seedExample();
        manifest.put("time_zone", pick(EDGE_ZONES));
        ObjectNode deployment = manifest.putArray("deployments").addObject();
        deployment.put("deployment_id", "D").put("time_zone", pick(EDGE_ZONES)).put("start", pick(EDGE_TIMES)).put("end", pick(EDGE_TIMES));
        ArrayNode corrections = deployment.putArray("time_corrections");
        corrections.addObject().put("type", "offset").put("offset", pick(EDGE_OFFSETS));
        if (random.nextBoolean()) {
            ObjectNode drift = corrections.addObject().put("type", "drift");
            drift.putObject("setup").put("camera_time", pick(EDGE_TIMES)).put("true_time", pick(EDGE_TIMES));
            drift.putObject("collection").put("camera_time", pick(EDGE_TIMES)).put("true_time", pick(EDGE_TIMES));
        }
        return manifest;
    }

    /** Manifest text as a file holds it: too deep to parse, odd numbers, a mutated manifest, one cut short, noise. */
    String manifestText() {
        return switch (random.nextInt(5)) {
            case 0 -> {
                int depth = 900 + random.nextInt(4_100);
                yield "{\"deployments\": " + "[".repeat(depth) + "]".repeat(depth) + "}";
            }
            case 1 -> {
                String number = pick(List.of("1e999", "-1e999", "1" + "0".repeat(1_200), "0." + "0".repeat(1_200) + "1",
                        "123456789012345678901234567890", "NaN", "Infinity", "-0", "1e-400", "0x1F", "01"));
                yield "{\"input_uri\": \"photos\", \"output_uri\": \"out\", \"budget_dkk\": " + number + ", \"max_images\": " + number + "}";
            }
            case 2 -> mutatedManifest().toString();
            case 3 -> {
                String text = mutatedManifest().toString();
                yield text.substring(0, random.nextInt(text.length() + 1));
            }
            default -> randomText(200);
        };
    }

    /** Every field within its documented range: budget, counts, zone and folders chosen at random. */
    ObjectNode validManifest() {
        String name = randomName();
        ObjectNode manifest = Json.object();
        manifest.put("input_uri", "photos/" + name);
        manifest.put("output_uri", "s3://results/" + name + "/");
        manifest.put("budget_dkk", BigDecimal.valueOf(1 + random.nextInt(1_000_000_000), 4).doubleValue());   // 0.0001 to 100,000
        manifest.put("max_images", 1 + random.nextInt(1_000_000));
        manifest.put("max_job_duration", 60 + random.nextInt(1_209_600 - 60 + 1));
        manifest.put("weather_days_back", random.nextInt(367));
        manifest.put("max_runtime_min", 1 + random.nextInt(20_160));
        manifest.put("time_zone", pick(ZONES));
        manifest.put("use_spot", random.nextBoolean());
        manifest.put("mode", random.nextBoolean() ? "hybrid" : "LOCAL");
        return manifest;
    }

    /** One mutation: a value replaced, a field removed, added or renamed, an item added, removed or replaced. */
    private void mutate(ObjectNode manifest) {
        List<ContainerNode<?>> containers = new ArrayList<>();
        collect(manifest, containers);
        ContainerNode<?> target = containers.get(random.nextInt(containers.size()));
        JsonNode value = value(2);
        int kind = random.nextInt(4);
        if (target instanceof ArrayNode array) {
            if (kind == 0 || array.isEmpty()) {
                array.add(value);
            } else if (kind == 1) {
                array.remove(random.nextInt(array.size()));
            } else {
                array.set(random.nextInt(array.size()), value);
            }
            return;
        }
        ObjectNode object = (ObjectNode) target;
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        String name = pick(FIELD_NAMES);
        String chosen = names.isEmpty() ? name : pick(names);
        switch (kind) {
            case 0 -> object.set(name, value);
            case 1 -> object.remove(chosen);
            case 2 -> object.set(chosen, value);
            default -> {
                JsonNode moved = object.remove(chosen);
                object.set(name, moved == null ? value : moved);
            }
        }
    }

    private static void collect(JsonNode node, List<ContainerNode<?>> containers) {
        if (node instanceof ContainerNode<?> container) {
            containers.add(container);
            for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
                collect(children.next(), containers);
            }
        }
    }

    private ArrayNode array(int depth) {
        ArrayNode array = NODES.arrayNode();
        for (int i = random.nextInt(5); i > 0; i--) {
            array.add(value(depth));
        }
        return array;
    }

    /** Every kind of scalar, the awkward ones over-represented. */
    private JsonNode leaf() {
        return switch (random.nextInt(12)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt());
            case 3 -> NODES.numberNode(pick(List.of(0, -1, 1, 59, 60, 366, 367, 1_000_000, 1_000_001, 1_209_600,
                    Integer.MAX_VALUE, Integer.MIN_VALUE)));
            case 4 -> NODES.numberNode(random.nextLong());
            case 5 -> NODES.numberNode(random.nextBoolean() ? random.nextDouble() * Math.pow(10, random.nextInt(600) - 300)
                    : pick(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE,
                    Double.MAX_VALUE, 1e-300, 0.5, 25.0, 100_000.0, 100_000.0001)).doubleValue());
            case 6 -> NODES.numberNode(pick(List.of(BigInteger.TEN.pow(400), BigInteger.TEN.pow(400).negate(),
                    BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE))));
            case 7 -> NODES.numberNode(pick(List.of(new BigDecimal("1e999999999"), new BigDecimal("1e-999999999"),
                    new BigDecimal("-1e400"), new BigDecimal("25.000000000000000000000000001"))));
            case 8, 9 -> NODES.textNode(pick(ODD_TEXTS));
            default -> NODES.textNode(randomText(40));
        };
    }

    /** Any UTF-16 units: letters, controls, lone surrogates. */
    private String randomText(int maxLength) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            text.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x10000) : (char) (0x20 + random.nextInt(0x5F)));
        }
        return text.toString();
    }

    /** A folder name: letters, digits, spaces inside, a few non-ASCII letters. */
    private String randomName() {
        String letters = "abcdefghijklmnopqrstuvwxyz0123456789-_ øå日";
        StringBuilder name = new StringBuilder("s");
        for (int i = random.nextInt(30); i > 0; i--) {
            name.append(letters.charAt(random.nextInt(letters.length())));
        }
        return name.toString().strip();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Every field a manifest may have, with deployments (an offset and a drift correction), events and a project. */
    private static ObjectNode richManifest() {
        return (ObjectNode) Json.parse("""
                {"input_uri": "s3://bucket/raw/cam01/", "output_uri": "s3://bucket/out/run_001/", "budget_dkk": 25,
                 "use_spot": true, "max_images": 1500, "max_job_duration": 3600, "weather_days_back": 7,
                 "session_id": "sabah-2024", "time_zone": "Europe/Copenhagen", "species_from": "folder", "mode": "LOCAL",
                 "max_runtime_min": 600,
                 "deployments": [
                   {"deployment_id": "D1", "station": "StationA", "camera": "StationA/cam1", "serial_number": "H500",
                    "user_label": "AM100", "latitude": 5.1, "longitude": 117.2, "time_zone": "+08:00",
                    "start": "2024-04-01T12:00:00", "end": "2024-06-01T12:00:00+08:00",
                    "time_corrections": [{"type": "offset", "offset": "+1y"},
                      {"type": "drift", "setup": {"camera_time": "2024-04-01T12:00:00", "true_time": "2024-04-01T12:00:05"},
                       "collection": {"camera_time": "2024-06-01T12:00:00", "true_time": "2024-06-01T12:01:00Z"}}]},
                   {"deployment_id": "D2", "station": "StationB"}],
                 "events": {"min_delta_time": 60, "delta_time_compared_to": "last_record", "cameras_independent": false,
                            "exclude": ["UNID", "human"]},
                 "project": {"title": "Sabah 2024", "sampling_design": "simpleRandom",
                             "contributors": [{"title": "A. Researcher", "email": "a@example.org", "role": "contact",
                                               "organization": "Uni", "path": "https://example.org"}]}}""");
    }
}
