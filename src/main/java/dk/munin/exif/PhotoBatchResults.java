package dk.munin.exif;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.state.Json;
import dk.munin.state.PhotoBatchItem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Distributed Map's ResultWriter files, read back: {@code manifest.json} lists the
 * {@code SUCCEEDED_n.json} and {@code FAILED_n.json} files beside it, each an array of child
 * execution results whose {@code Output} (or, for a failed batch, {@code Input}) is JSON as text
 * (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html). A failed
 * child's Input holds its whole batch, so the files are read one result at a time, never whole.
 */
final class PhotoBatchResults {

    /** Longest part of a failed batch's Cause kept in its photos' error. */
    private static final int MAX_CAUSE = 300;

    /** One batch as the Map left it: its shard, or the items it failed on and why. */
    record Batch(long firstIndex, int items, PhotoBatchShard shard, List<PhotoBatchItem> failedItems, String failure) {

        boolean failed() {
            return shard == null;
        }
    }

    private PhotoBatchResults() {
    }

    /**
     * @return every batch in listing order
     * @throws PhotoBatchesIncomplete when the batches leave out part of the listing or overlap
     */
    static List<Batch> read(ObjectStore store, Location manifest) {
        JsonNode files = Json.parse(store.read(manifest)).path("ResultFiles");
        List<Batch> batches = new ArrayList<>();
        Location folder = folderOf(manifest);
        for (JsonNode file : files.path("SUCCEEDED")) {
            readResults(store, folder.resolve(nameOf(file)), result -> batches.add(succeeded(result)));
        }
        for (JsonNode file : files.path("FAILED")) {
            readResults(store, folder.resolve(nameOf(file)), result -> batches.add(failed(result)));
        }
        batches.sort(Comparator.comparingLong(Batch::firstIndex));
        checkContiguous(batches, manifest);
        return batches;
    }

    /** The result files are beside manifest.json, in {@code <Prefix>/<map run id>/}. */
    private static Location folderOf(Location manifest) {
        String uri = manifest.uri();
        return Location.parse(uri.substring(0, uri.lastIndexOf('/') + 1));
    }

    private static String nameOf(JsonNode file) {
        String key = file.path("Key").asText();
        return key.substring(key.lastIndexOf('/') + 1);
    }

    private static void readResults(ObjectStore store, Location file, Consumer<JsonNode> each) {
        try (InputStream in = store.open(file); JsonParser parser = Json.MAPPER.getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new PhotoBatchesIncomplete(file + " is not an array of child execution results");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                each.accept(Json.MAPPER.readTree(parser));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Map's results " + file, e);
        }
    }

    private static Batch succeeded(JsonNode result) {
        PhotoBatchShard shard = Json.convert(Json.parse(result.path("Output").asText()), PhotoBatchShard.class);
        return new Batch(shard.firstIndex(), shard.items(), shard, null, null);
    }

    private static Batch failed(JsonNode result) {
        List<PhotoBatchItem> items = new ArrayList<>();
        for (JsonNode item : Json.parse(result.path("Input").asText()).path("Items")) {
            items.add(Json.convert(item, PhotoBatchItem.class));
        }
        String cause = result.path("Cause").asText("");
        String failure = result.path("Status").asText("FAILED") + " " + result.path("Error").asText("")
                + (cause.isEmpty() ? "" : ": " + (cause.length() > MAX_CAUSE ? cause.substring(0, MAX_CAUSE) + "…" : cause));
        long first = items.isEmpty() ? Long.MAX_VALUE : items.get(0).index();
        return new Batch(first, items.size(), null, List.copyOf(items), failure);
    }

    private static void checkContiguous(List<Batch> batches, Location manifest) {
        long expected = 0;
        for (Batch batch : batches) {
            if (batch.items() == 0) {
                continue;
            }
            if (batch.firstIndex() != expected) {
                throw new PhotoBatchesIncomplete("The Map run's results (" + manifest + ") " + (batch.firstIndex() > expected
                        ? "have no batch for the listing's objects " + expected + " to " + (batch.firstIndex() - 1)
                        : "have two batches holding the listing's object " + batch.firstIndex()));
            }
            expected += batch.items();
        }
    }
}
