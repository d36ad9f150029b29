package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One object of the input listing as the Distributed Map's ItemSelector hands it to a batch:
 * the S3 listing's Key and Size, and its position in the listing ({@code $$.Map.Item.Index}),
 * which puts the batches back in listing order however they finish.
 */
public record PhotoBatchItem(
        @JsonProperty(value = "key", required = true) String key,
        @JsonProperty(value = "size", required = true) long size,
        @JsonProperty(value = "index", required = true) long index) {
}
