package dk.munin.detect;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.BatchClientBuilder;

import java.net.URI;

/** The AWS Batch client of the aws-batch mode, on the Apache HTTP client the S3 component already uses. */
public final class BatchClients {

    private BatchClients() {
    }

    /**
     * @param region   munin.detect.batch.region
     * @param endpoint munin.detect.batch.endpoint, or empty for AWS's own endpoint of the region
     */
    public static BatchClient create(String region, String endpoint) {
        BatchClientBuilder builder = BatchClient.builder()
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(ApacheHttpClient.builder());
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint.trim()));
        }
        return builder.build();
    }
}
