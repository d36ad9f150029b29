package dk.munin.contract.testing;

import dk.munin.contract.storage.S3Retries;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * A real S3 server on loopback (s3proxy over an in-memory blob store) for tests that talk S3's
 * HTTP API through the real AWS SDK client: the app's (built by camel-aws2-s3) and the detector's.
 */
public final class EmbeddedS3 implements AutoCloseable {

    public static final String ACCESS_KEY = "munin-test";
    public static final String SECRET_KEY = "munin-test-secret";
    public static final String REGION = "eu-north-1";

    private final S3Proxy proxy;
    private final BlobStore blobs;

    private EmbeddedS3(S3Proxy proxy, BlobStore blobs) {
        this.proxy = proxy;
        this.blobs = blobs;
    }

    public static EmbeddedS3 start(String... buckets) throws Exception {
        return start(UnaryOperator.identity(), buckets);
    }

    /** @param wrap wraps the server's blob store, e.g. in a {@link CountingBlobStore} */
    public static EmbeddedS3 start(UnaryOperator<BlobStore> wrap, String... buckets) throws Exception {
        return startWithKeys(wrap, ACCESS_KEY, SECRET_KEY, buckets);
    }

    /**
     * A server that accepts only these keys, for tests that must tell them apart from anything
     * else in a run's output (no secret may appear there).
     */
    public static EmbeddedS3 startWithKeys(UnaryOperator<BlobStore> wrap, String accessKey, String secretKey, String... buckets) throws Exception {
        BlobStore blobs = wrap.apply(BlobStores.create("transient-nio2", new Properties()));
        for (String bucket : buckets) {
            blobs.createContainer(bucket);
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobs)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        return new EmbeddedS3(proxy, blobs);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** An SDK client for this server, as a process would build one (path-style, static keys). */
    public S3Client client() {
        return S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create(endpoint()))
                .forcePathStyle(true)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /**
     * An SDK client for another endpoint in front of this server (a {@link FaultyS3Proxy}), built as
     * the detector builds its own: the JDK's HTTP client with the timeouts and the retry strategy
     * of {@code retries}.
     */
    public static S3Client client(String endpoint, S3Retries retries) {
        return S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(retries.connectTimeout())
                        .socketTimeout(retries.readTimeout()))
                .overrideConfiguration(retries.overrideConfiguration())
                .endpointOverride(URI.create(endpoint))
                .forcePathStyle(true)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** Settings that point camel-aws2-s3 at this server, as a user would in application.properties. */
    public Properties camelProperties() {
        Properties properties = new Properties();
        properties.setProperty("camel.component.aws2-s3.override-endpoint", "true");
        properties.setProperty("camel.component.aws2-s3.uri-endpoint-override", endpoint());
        properties.setProperty("camel.component.aws2-s3.force-path-style", "true");
        properties.setProperty("camel.component.aws2-s3.region", REGION);
        properties.setProperty("camel.component.aws2-s3.use-default-credentials-provider", "false");
        properties.setProperty("camel.component.aws2-s3.access-key", ACCESS_KEY);
        properties.setProperty("camel.component.aws2-s3.secret-key", SECRET_KEY);
        return properties;
    }

    /** The environment that points the detector container's S3 client at this server. */
    public Map<String, String> detectorEnvironment() {
        return Map.of("MUNIN_S3_ENDPOINT", endpoint(), "AWS_REGION", REGION,
                "AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    }

    public BlobStore blobs() {
        return blobs;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
