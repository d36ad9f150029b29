package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The seed's Output Format's final_results: where the run's artefacts are.
 *
 * @param files every artefact the run wrote (work files included); {@code files_created} counts them
 */
public record FinalResults(
        @JsonProperty("parquet_uri") String parquetUri,
        @JsonProperty("report_uri") String reportUri,
        @JsonProperty("weather_uri") String weatherUri,
        @JsonProperty("files_created") int filesCreated,
        @JsonProperty("files") List<String> files) {

    public FinalResults(String parquetUri, String reportUri, String weatherUri, List<String> files) {
        this(parquetUri, reportUri, weatherUri, files.size(), List.copyOf(files));
    }
}
