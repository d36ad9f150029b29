package dk.munin.detector.storage;

import dk.munin.contract.settings.Settings;
import dk.munin.contract.stage1.ContainerSettings;
import dk.munin.contract.storage.S3Retries;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Builds the S3 client from the detector's environment. The environment arrives as a map (the
 * in-process entry point is given one), so region and static keys are read from it first; the
 * SDK's default chains (profile, container and instance credentials) cover the rest, which is
 * what an AWS Batch job uses. The retry bounds and timeouts are MUNIN_S3_MAX_ATTEMPTS ... as the
 * app starting the detector gives them ({@link S3Retries}), each else
 * {@link ContainerSettings#S3_RETRIES_WHEN_UNSET}'s.
 */
public final class S3ClientFactory {

    /** Optional S3 endpoint override (LocalStack, an embedded test server); implies path-style addressing. */
    public static final String MUNIN_S3_ENDPOINT = ContainerSettings.variable(ContainerSettings.S3_ENDPOINT);
    public static final String AWS_REGION = "AWS_REGION";
    public static final String AWS_DEFAULT_REGION = "AWS_DEFAULT_REGION";
    public static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final String AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    public static final String AWS_SESSION_TOKEN = "AWS_SESSION_TOKEN";

    /** Endpoint overrides (LocalStack, s3proxy) accept any region; one must still be named for signing. */
    private static final Region REGION_FOR_ENDPOINT_OVERRIDE = Region.US_EAST_1;

    private S3ClientFactory() {
    }

    public static S3Client fromEnvironment(Map<String, String> env) {
        String endpoint = nonBlank(env.get(MUNIN_S3_ENDPOINT));
        S3Retries retries = retries(env);
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(retries.connectTimeout())
                        .socketTimeout(retries.readTimeout()))
                .overrideConfiguration(retries.overrideConfiguration())
                .region(region(env, endpoint != null))
                .credentialsProvider(credentials(env));
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
        }
        return builder.build();
    }

    /**
     * The bounds the environment gives, by the app's keys' variables (MUNIN_S3_MAX_ATTEMPTS ...).
     *
     * @throws IllegalArgumentException naming the setting that is not usable
     */
    public static S3Retries retries(Map<String, String> env) {
        try {
            return S3Retries.from(Settings.layered(List.of(), new Properties(), env), ContainerSettings.S3_RETRIES_WHEN_UNSET);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage() + ": set it to one, or leave it unset for "
                    + ContainerSettings.S3_RETRIES_WHEN_UNSET.asSettings(), e);
        }
    }

    private static Region region(Map<String, String> env, boolean endpointOverridden) {
        String named = nonBlank(env.get(AWS_REGION));
        if (named == null) {
            named = nonBlank(env.get(AWS_DEFAULT_REGION));
        }
        if (named != null) {
            return Region.of(named);
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (RuntimeException noRegionConfigured) {
            if (endpointOverridden) {
                return REGION_FOR_ENDPOINT_OVERRIDE;
            }
            throw new IllegalStateException("no AWS region: set " + AWS_REGION + " for s3:// locations", noRegionConfigured);
        }
    }

    private static AwsCredentialsProvider credentials(Map<String, String> env) {
        String keyId = nonBlank(env.get(AWS_ACCESS_KEY_ID));
        String secret = nonBlank(env.get(AWS_SECRET_ACCESS_KEY));
        if (keyId == null || secret == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        String token = nonBlank(env.get(AWS_SESSION_TOKEN));
        return StaticCredentialsProvider.create(token == null
                ? AwsBasicCredentials.create(keyId, secret)
                : AwsSessionCredentials.create(keyId, secret, token));
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
