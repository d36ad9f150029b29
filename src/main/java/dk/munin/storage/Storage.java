package dk.munin.storage;

import java.nio.file.Path;
import java.util.stream.Stream;

/** Sends each operation to the store that holds the location: local folders or S3. */
public class Storage implements ObjectStore {

    private final ObjectStore local;
    private final ObjectStore s3;

    public Storage(ObjectStore local, ObjectStore s3) {
        this.local = local;
        this.s3 = s3;
    }

    private ObjectStore storeFor(Location location) {
        return location.isS3() ? s3 : local;
    }

    @Override
    public Stream<StoredObject> walk(Location folder) {
        return storeFor(folder).walk(folder);
    }

    @Override
    public byte[] read(Location object) {
        return storeFor(object).read(object);
    }

    @Override
    public byte[] readRange(Location object, long start, int length) {
        return storeFor(object).readRange(object, start, length);
    }

    @Override
    public void write(Location object, byte[] content) {
        storeFor(object).write(object, content);
    }

    @Override
    public void upload(Location object, Path localFile) {
        storeFor(object).upload(object, localFile);
    }

    @Override
    public boolean exists(Location object) {
        return storeFor(object).exists(object);
    }
}
