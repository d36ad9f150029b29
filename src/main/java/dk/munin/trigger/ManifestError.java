package dk.munin.trigger;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The content of {@code <manifest>.error.json} (docs/manifest.md, "When a manifest is refused"). */
@JsonPropertyOrder({"manifest", "error", "field", "reason", "at"})
public record ManifestError(@JsonProperty("manifest") String manifest,
                            @JsonProperty("error") String error,
                            @JsonProperty("field") String field,
                            @JsonProperty("reason") String reason,
                            @JsonProperty("at") String at) {
}
