package dk.munin.testing;

import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.Storage;
import dk.munin.contract.testing.EmbeddedS3;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Session work folders for tests that hold for both kinds of storage: a fresh one per call,
 * in a local temporary folder or in a bucket of an embedded S3 server reached through the app's
 * camel-aws2-s3 client.
 */
public final class WorkFolders implements AutoCloseable {

    /** The values a parameterised test passes to {@link #fresh}. */
    public static final String LOCAL = "local";
    public static final String S3 = "s3";
    private static final String BUCKET = "field-season";

    private final EmbeddedS3 s3;
    private final CamelS3 camelS3;
    private final Path folders;

    private WorkFolders(EmbeddedS3 s3, CamelS3 camelS3, Path folders) {
        this.s3 = s3;
        this.camelS3 = camelS3;
        this.folders = folders;
    }

    public static WorkFolders start(String name) throws Exception {
        EmbeddedS3 s3 = EmbeddedS3.start(BUCKET);
        return new WorkFolders(s3, CamelS3.against(s3), Files.createTempDirectory(name));
    }

    /** Local folders and the embedded server's bucket. */
    public Storage storage() {
        return camelS3.storage();
    }

    /** A work folder no other call returned, {@code where} is {@link #LOCAL} or {@link #S3}. */
    public Location fresh(String where) {
        String session = "s-" + UUID.randomUUID();
        return where.equals(S3) ? Location.parse("s3://" + BUCKET + "/results/_work/" + session + "/")
                : Location.of(folders.resolve(session)).asFolder();
    }

    @Override
    public void close() throws Exception {
        camelS3.close();
        s3.close();
    }
}
