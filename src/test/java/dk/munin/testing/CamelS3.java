package dk.munin.testing;

import dk.munin.contract.storage.S3Retries;
import dk.munin.contract.storage.Storage;
import dk.munin.contract.testing.EmbeddedS3;
import dk.munin.storage.CamelS3Client;
import org.apache.camel.CamelContext;
import org.apache.camel.component.aws2.s3.AWS2S3Component;
import org.apache.camel.impl.DefaultCamelContext;

/** The app's own storage (camel-aws2-s3's client, application.properties' retries) pointed at an embedded S3 server, for tests outside a whole run. */
public final class CamelS3 implements AutoCloseable {

    private final CamelContext camel;
    private final Storage storage;

    private CamelS3(CamelContext camel) {
        this.camel = camel;
        this.storage = Storage.withS3(CamelS3Client.of(camel, S3Retries.from(ApplicationSettings.settings())));
    }

    public static CamelS3 against(EmbeddedS3 s3) {
        return against(s3.endpoint());
    }

    /** @param endpoint the embedded server's, or that of a proxy in front of it ({@code FaultyS3Proxy}) */
    public static CamelS3 against(String endpoint) {
        CamelContext camel = new DefaultCamelContext();
        AWS2S3Component component = new AWS2S3Component();
        component.getConfiguration().setOverrideEndpoint(true);
        component.getConfiguration().setUriEndpointOverride(endpoint);
        component.getConfiguration().setForcePathStyle(true);
        component.getConfiguration().setRegion(EmbeddedS3.REGION);
        component.getConfiguration().setAccessKey(EmbeddedS3.ACCESS_KEY);
        component.getConfiguration().setSecretKey(EmbeddedS3.SECRET_KEY);
        camel.addComponent("aws2-s3", component);
        camel.start();
        return new CamelS3(camel);
    }

    /** Local folders and, for s3:// locations, the embedded server. */
    public Storage storage() {
        return storage;
    }

    @Override
    public void close() {
        storage.close();
        camel.stop();
    }
}
