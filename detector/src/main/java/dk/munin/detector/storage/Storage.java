package dk.munin.detector.storage;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reads, writes, lists and deletes whole objects in local folders or S3. The S3 client is only
 * built when the first s3:// location is used, so a purely local run needs no AWS region or
 * credentials.
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

    /** A stream of the object's bytes, for files too large to hold in memory (models). */
    public InputStream open(StorageLocation location) throws IOException {
        if (location.isS3()) {
            try {
                return s3().getObject(request -> request.bucket(location.bucket()).key(location.key()));
            } catch (NoSuchKeyException e) {
                throw new FileNotFoundException("no such key");
            } catch (RuntimeException sdkFailure) {
                throw new IOException(sdkFailure.getMessage(), sdkFailure);
            }
        }
        try {
            return Files.newInputStream(location.path());
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException("no such file");
        }
    }

    /** Writes {@code content} as {@code name} in {@code folder}; see {@link #writeAtomically(StorageLocation, byte[])}. */
    public void writeAtomically(StorageLocation folder, String name, byte[] content) throws IOException {
        writeAtomically(folder.child(name), content);
    }

    /**
     * Writes {@code content} to {@code target} so that readers see either the previous file or
     * the complete new one: locally a temporary file in the same folder renamed over the target,
     * on S3 a single PutObject (S3 never shows a partial object).
     *
     * @throws IOException whose message is the cause alone; callers name the location
     */
    public void writeAtomically(StorageLocation target, byte[] content) throws IOException {
        if (target.isS3()) {
            try {
                s3().putObject(request -> request.bucket(target.bucket()).key(target.key())
                        .contentType("application/json"), RequestBody.fromBytes(content));
            } catch (RuntimeException sdkFailure) {
                throw new IOException(sdkFailure.getMessage(), sdkFailure);
            }
            return;
        }
        Path directory = Files.createDirectories(target.path().getParent());
        Path temporary = Files.createTempFile(directory, "." + target.path().getFileName() + ".", ".tmp");
        try {
            Files.write(temporary, content);
            Files.move(temporary, target.path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * The files below {@code folder} (at any depth), as '/'-separated paths relative to it,
     * sorted; empty when the folder does not exist. Temporary files of unfinished local writes
     * (names starting with a dot) are left out.
     */
    public List<String> list(StorageLocation folder) throws IOException {
        List<String> names = new ArrayList<>();
        if (folder.isS3()) {
            String prefix = folder.child("").key();
            try {
                for (S3Object object : s3().listObjectsV2Paginator(request -> request.bucket(folder.bucket()).prefix(prefix)).contents()) {
                    names.add(object.key().substring(prefix.length()));
                }
            } catch (RuntimeException sdkFailure) {
                throw new IOException(sdkFailure.getMessage(), sdkFailure);
            }
        } else if (Files.isDirectory(folder.path())) {
            try (Stream<Path> files = Files.walk(folder.path())) {
                files.filter(Files::isRegularFile)
                        .filter(file -> !file.getFileName().toString().startsWith("."))
                        .forEach(file -> names.add(folder.path().relativize(file).toString().replace('\\', '/')));
            }
        }
        names.sort(Comparator.naturalOrder());
        return names;
    }

    public boolean exists(StorageLocation location) throws IOException {
        if (location.isS3()) {
            try {
                s3().headObject(request -> request.bucket(location.bucket()).key(location.key()));
                return true;
            } catch (NoSuchKeyException e) {
                return false;
            } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
                if (e.statusCode() == 404) {
                    return false;
                }
                throw new IOException(e.getMessage(), e);
            } catch (RuntimeException sdkFailure) {
                throw new IOException(sdkFailure.getMessage(), sdkFailure);
            }
        }
        return Files.exists(location.path());
    }

    /** Deletes every file below {@code folder}, and locally the emptied folders too. */
    public void deleteTree(StorageLocation folder) throws IOException {
        if (folder.isS3()) {
            for (String name : list(folder)) {
                StorageLocation object = folder.child(name);
                try {
                    s3().deleteObject(request -> request.bucket(object.bucket()).key(object.key()));
                } catch (RuntimeException sdkFailure) {
                    throw new IOException(sdkFailure.getMessage(), sdkFailure);
                }
            }
            return;
        }
        if (!Files.exists(folder.path())) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder.path())) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Locally, removes {@code folder} if it is empty (S3 has no folders to remove). */
    public void removeIfEmpty(StorageLocation folder) throws IOException {
        if (folder.isS3()) {
            return;
        }
        try {
            Files.deleteIfExists(folder.path());
        } catch (DirectoryNotEmptyException stillInUse) {
            // another shard's checkpoints, or the user's own files: leave them
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
