package dk.munin.contract.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The few object operations Munin's processes need, the same for local folders and S3. Failures
 * are unchecked: {@link ObjectNotFound}, {@link StorageUnavailable} (worth retrying), or another
 * {@link StorageException}, each naming the location.
 */
public interface ObjectStore {

    /**
     * Every object below {@code folder}, recursively, in key order so runs are repeatable,
     * produced as the stream is consumed: a listing of a million photos never sits in memory.
     * Close the stream when done (try-with-resources) if it is not consumed to its end.
     *
     * @throws ObjectNotFound for a local folder that does not exist (an S3 prefix is just empty)
     */
    Stream<StoredObject> walk(Location folder);

    /** The whole listing as a list: only for folders known to be small (a run's outputs, checkpoints). */
    default List<StoredObject> list(Location folder) {
        try (Stream<StoredObject> objects = walk(folder)) {
            return objects.toList();
        }
    }

    byte[] read(Location object);

    /** The object's bytes as a stream, for objects too large to hold in memory (models). Close it. */
    InputStream open(Location object);

    /** Up to {@code length} bytes from {@code start}; fewer when the object is shorter, none past its end. */
    byte[] readRange(Location object, long start, int length);

    /** Writes the whole object so that readers see either the old or the new content, never a part. */
    void write(Location object, byte[] content);

    /** Uploads a finished local file atomically, as {@link #write}. */
    void upload(Location object, Path localFile);

    /**
     * Writes the whole object only if there is none at that location yet, as one atomic step: of
     * several writers racing for the same location exactly one succeeds (S3: PutObject with
     * {@code If-None-Match: *}; files: a hard link, which the file system refuses when the name exists).
     *
     * @return false when an object was already there (it is left as it was)
     */
    boolean createIfAbsent(Location object, byte[] content);

    boolean exists(Location object);

    /** Deletes the one object; one that is not there is not an error. */
    void delete(Location object);

    /** Deletes every object below {@code folder}; locally the emptied folders too. Nothing there is not an error. */
    void deleteAll(Location folder);

    /** Locally removes {@code folder} if it holds nothing; S3 has no folders, so there it does nothing. */
    void removeIfEmpty(Location folder);

    /**
     * Removes what writes killed half way left below {@code folder} (locally their temporary files;
     * on S3 a write is one PutObject, which leaves nothing), except below {@code spared}, where other
     * processes may be writing at this moment. Only for a folder no one else writes to but there.
     *
     * @return how many were removed
     */
    int removeUnfinishedWrites(Location folder, Location spared);
}
