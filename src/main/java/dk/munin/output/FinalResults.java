package dk.munin.output;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The seed's Output Format's final_results: where the run's artefacts are. */
public record FinalResults(
        @JsonProperty("parquet_uri") String parquetUri,
        @JsonProperty("report_uri") String reportUri,
        @JsonProperty("weather_uri") String weatherUri,
        @JsonProperty("files_created") int filesCreated) {
}
