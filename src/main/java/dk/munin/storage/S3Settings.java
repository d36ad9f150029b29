package dk.munin.storage;

import dk.munin.contract.settings.Settings;
import dk.munin.contract.stage1.ContainerSettings;
import dk.munin.contract.storage.S3Retries;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The app's S3 settings: camel-aws2-s3's own ({@code camel.component.aws2-s3.*}), as far as the
 * detector process needs them, and the retry bounds of every S3 client ({@code munin.s3.*}). The
 * detector reads and writes the same S3 as the app, so a local detector gets the same region,
 * keys, endpoint and bounds, in the variables its S3 client reads.
 */
public record S3Settings(String region, String accessKey, String secretKey, String endpointOverride, S3Retries retries) {

    public static S3Settings from(Settings settings) {
        boolean overridden = settings.flag("camel.component.aws2-s3.override-endpoint");
        return new S3Settings(settings.optional("camel.component.aws2-s3.region").orElse(null),
                settings.optional("camel.component.aws2-s3.access-key").orElse(null),
                settings.optional("camel.component.aws2-s3.secret-key").orElse(null),
                overridden ? settings.optional("camel.component.aws2-s3.uri-endpoint-override").orElse(null) : null,
                S3Retries.from(settings));
    }

    /**
     * AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and MUNIN_S3_ENDPOINT, as far as they are
     * set, and the retry bounds (MUNIN_S3_MAX_ATTEMPTS ...).
     */
    public Map<String, String> detectorEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(retries.environment());
        if (region != null) {
            env.put("AWS_REGION", region);
        }
        if (accessKey != null) {
            env.put("AWS_ACCESS_KEY_ID", accessKey);
        }
        if (secretKey != null) {
            env.put("AWS_SECRET_ACCESS_KEY", secretKey);
        }
        if (endpointOverride != null) {
            env.put(ContainerSettings.variable(ContainerSettings.S3_ENDPOINT), endpointOverride);
        }
        return env;
    }
}
