package dk.munin.detector.storage;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Supplier;

/**
 * Reads and writes whole objects in local folders or S3. The S3 client is only built when the
 * first s3:// location is used, so a purely local run needs no AWS region or credentials.
 */
public final class Storage implements AutoCloseable {

    private final Supplier<S3Client> s3Factory;
    private S3Client s3;

    public Storage(Supplier<S3Client> s3Factory) {
        this.s3Factory = s3Factory;
    }

    /** @throws IOException whose message is the cause alone; callers name the location */
    public byte[] read(StorageLocation location) throws IOException {
        if (location.isS3()) {
            try {
                return s3().getObjectAsBytes(request -> request.bucket(location.bucket()).key(location.key()))
                        .asByteArray();
            } catch (NoSuchKeyException e) {
                throw new FileNotFoundException("no such key");
            } catch (RuntimeException sdkFailure) {
                throw new IOException(sdkFailure.getMessage(), sdkFailure);
            }
        }
        try {
            return Files.readAllBytes(location.path());
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException("no such file");
        }
    }

    /**
     * Writes {@code content} as {@code name} in {@code folder} so that readers see either the
     * previous file or the complete new one: locally a temporary file in the same folder renamed
     * over the target, on S3 a single PutObject (S3 never shows a partial object).
     *
     * @throws IOException whose message is the cause alone; callers name the location
     */
    public void writeAtomically(StorageLocation folder, String name, byte[] content) throws IOException {
        StorageLocation target = folder.child(name);
        if (target.isS3()) {
            try {
                s3().putObject(request -> request.bucket(target.bucket()).key(target.key())
                        .contentType("application/json"), RequestBody.fromBytes(content));
            } catch (RuntimeException sdkFailure) {
                throw new IOException(sdkFailure.getMessage(), sdkFailure);
            }
            return;
        }
        Path directory = Files.createDirectories(folder.path());
        Path temporary = Files.createTempFile(directory, "." + name + ".", ".tmp");
        try {
            Files.write(temporary, content);
            Files.move(temporary, target.path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private synchronized S3Client s3() {
        if (s3 == null) {
            s3 = s3Factory.get();
        }
        return s3;
    }

    @Override
    public synchronized void close() {
        if (s3 != null) {
            s3.close();
        }
    }
}
