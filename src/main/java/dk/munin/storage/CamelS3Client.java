package dk.munin.storage;

import dk.munin.contract.storage.S3Retries;
import org.apache.camel.CamelContext;
import org.apache.camel.component.aws.common.AwsClientBuilderUtil;
import org.apache.camel.component.aws2.s3.AWS2S3Component;
import org.apache.camel.component.aws2.s3.AWS2S3Configuration;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache.ProxyConfiguration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.utils.AttributeMap;

import java.net.URI;
import java.util.function.Supplier;

/**
 * The app's S3 client, built as camel-aws2-s3 builds its own from its
 * {@code camel.component.aws2-s3.*} settings (region, credentials, endpoint override for
 * LocalStack or an embedded server, path-style), so the stages and the manifest trigger route
 * reach the same S3, configured in one place; with Munin's retry bounds and timeouts
 * ({@code munin.s3.*}, {@link S3Retries}) on top, which camel-aws2-s3 has no settings for.
 */
public final class CamelS3Client {

    private CamelS3Client() {
    }

    /** Built on first use: by then camel-main has bound the component's settings. */
    public static Supplier<S3Client> of(CamelContext camel, S3Retries retries) {
        return () -> build(camel.getComponent("aws2-s3", AWS2S3Component.class).getConfiguration(), retries);
    }

    static S3Client build(AWS2S3Configuration configuration, S3Retries retries) {
        return AwsClientBuilderUtil.buildClient(configuration, S3Client::builder, builder -> {
            builder.forcePathStyle(configuration.isForcePathStyle());
            builder.overrideConfiguration(retries.overrideConfiguration());
            httpClient(builder, configuration, retries);
        });
    }

    /** The Apache client camel-aws2-s3 uses, with the timeouts; its proxy and trust-all settings kept as Camel applies them. */
    private static void httpClient(S3ClientBuilder builder, AWS2S3Configuration configuration, S3Retries retries) {
        ApacheHttpClient.Builder http = ApacheHttpClient.builder()
                .connectionTimeout(retries.connectTimeout())
                .socketTimeout(retries.readTimeout());
        if (configuration.getProxyHost() != null && !configuration.getProxyHost().isBlank() && configuration.getProxyPort() != null) {
            http.proxyConfiguration(ProxyConfiguration.builder().endpoint(URI.create(configuration.getProxyProtocol() + "://"
                    + configuration.getProxyHost() + ":" + configuration.getProxyPort())).build());
        }
        if (configuration.isTrustAllCertificates()) {
            builder.httpClient(http.buildWithDefaults(AttributeMap.builder()
                    .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, Boolean.TRUE).build()));
        } else {
            builder.httpClientBuilder(http);
        }
    }
}
