package dk.munin.storage;

import org.apache.camel.CamelContext;
import org.apache.camel.component.aws2.s3.AWS2S3Component;
import org.apache.camel.component.aws2.s3.client.AWS2S3ClientFactory;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.function.Supplier;

/**
 * The app's S3 client: the one camel-aws2-s3 builds from its {@code camel.component.aws2-s3.*}
 * settings (region, credentials, endpoint override for LocalStack or an embedded server), so the
 * stages and the manifest trigger route reach S3 the same way, configured in one place.
 */
public final class CamelS3Client {

    private CamelS3Client() {
    }

    /** Built on first use: by then camel-main has bound the component's settings. */
    public static Supplier<S3Client> of(CamelContext camel) {
        return () -> AWS2S3ClientFactory.getS3Client(camel.getComponent("aws2-s3", AWS2S3Component.class).getConfiguration());
    }
}
