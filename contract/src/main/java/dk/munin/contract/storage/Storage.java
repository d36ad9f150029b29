package dk.munin.contract.storage;

import software.amazon.awssdk.services.s3.S3Client;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Sends each operation to the store that holds the location: local folders or S3. */
public final class Storage implements ObjectStore, AutoCloseable {

    private final ObjectStore local;
    private final ObjectStore s3;

    public Storage(ObjectStore local, ObjectStore s3) {
        this.local = local;
        this.s3 = s3;
    }

    /** Local folders and S3 through the client {@code s3Client} makes on the first s3:// operation. */
    public static Storage withS3(Supplier<S3Client> s3Client) {
        return new Storage(new LocalFileStore(), new S3ObjectStore(s3Client));
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
    public InputStream open(Location object) {
        return storeFor(object).open(object);
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
    public boolean createIfAbsent(Location object, byte[] content) {
        return storeFor(object).createIfAbsent(object, content);
    }

    @Override
    public boolean exists(Location object) {
        return storeFor(object).exists(object);
    }

    @Override
    public void delete(Location object) {
        storeFor(object).delete(object);
    }

    @Override
    public void deleteAll(Location folder) {
        storeFor(folder).deleteAll(folder);
    }

    @Override
    public void removeIfEmpty(Location folder) {
        storeFor(folder).removeIfEmpty(folder);
    }

    @Override
    public int removeUnfinishedWrites(Location folder, Location spared) {
        return storeFor(folder).removeUnfinishedWrites(folder, spared);
    }

    /** Closes the S3 client, if one was made. */
    @Override
    public void close() {
        if (s3 instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new StorageException("Cannot close the S3 client: " + e.getMessage(), e);
            }
        }
    }
}
