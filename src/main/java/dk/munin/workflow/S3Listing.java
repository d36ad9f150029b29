package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.state.Json;

import java.util.Iterator;
import java.util.stream.Stream;

/**
 * A Distributed Map's {@code ItemReader} with Resource {@code arn:aws:states:::s3:listObjectsV2}:
 * its Parameters (Bucket, and Prefix if given) resolved against the Map's effective input, and the
 * listing's objects as the items, shaped as Step Functions gives them to the iterations:
 * {@code {"Etag", "Key", "LastModified" (epoch seconds), "Size", "StorageClass"}}
 * (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html, "S3 objects").
 */
record S3Listing(PayloadTemplate parameters) {

    static final String RESOURCE = "arn:aws:states:::s3:listObjectsV2";

    /** The items, read as they are consumed; close the stream when done. */
    Stream<JsonNode> items(JsonNode effectiveInput, JsonNode context, ItemSource source) throws StateError {
        JsonNode resolved = parameters.resolve(effectiveInput, context);
        String bucket = text(resolved, "Bucket", true);
        String prefix = text(resolved, "Prefix", false);
        try {
            return source.listObjects(bucket, prefix).map(S3Listing::item);
        } catch (RuntimeException e) {
            throw failed(bucket, prefix, e);
        }
    }

    /** The stream's items; a listing that fails part way fails the Map with States.ItemReaderFailed. */
    static Iterator<JsonNode> reading(Stream<JsonNode> items) {
        Iterator<JsonNode> listed = items.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return listed.hasNext();
                } catch (MapItems.Failure e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new MapItems.Failure(new StateError(ErrorNames.ITEM_READER_FAILED, e.toString()));
                }
            }

            @Override
            public JsonNode next() {
                hasNext();
                return listed.next();
            }
        };
    }

    private static StateError failed(String bucket, String prefix, RuntimeException e) {
        return new StateError(ErrorNames.ITEM_READER_FAILED, "Listing s3://" + bucket + "/" + prefix + " failed: " + e);
    }

    private static String text(JsonNode parameters, String field, boolean required) throws StateError {
        JsonNode value = parameters.get(field);
        if (value == null && !required) {
            return "";
        }
        if (value == null || !value.isTextual()) {
            throw StateError.runtime("The ItemReader's Parameters need '" + field + "' as a string, not " + value);
        }
        return value.textValue();
    }

    private static JsonNode item(ListedObject object) {
        ObjectNode item = Json.object();
        item.put("Etag", object.etag());
        item.put("Key", object.key());
        if (object.lastModified() == null) {
            item.putNull("LastModified");
        } else {
            item.put("LastModified", object.lastModified().getEpochSecond());
        }
        item.put("Size", object.size());
        item.put("StorageClass", object.storageClass());
        return item;
    }
}
