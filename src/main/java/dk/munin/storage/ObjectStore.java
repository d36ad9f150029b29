package dk.munin.storage;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The few object operations the stages need, the same for local folders and S3. */
public interface ObjectStore {

    /**
     * Every object below {@code folder}, recursively, in key order so runs are repeatable,
     * produced as the stream is consumed: a listing of a million photos never sits in memory.
     * Close the stream when done (try-with-resources) if it is not consumed to its end.
     */
    Stream<StoredObject> walk(Location folder);

    /** The whole listing as a list: only for folders known to be small (a run's outputs). */
    default List<StoredObject> list(Location folder) {
        try (Stream<StoredObject> objects = walk(folder)) {
            return objects.toList();
        }
    }

    byte[] read(Location object);

    /** Up to {@code length} bytes from {@code start}; fewer when the object is shorter. */
    byte[] readRange(Location object, long start, int length);

    /** Writes the whole object so that readers see either the old or the new content, never a part. */
    void write(Location object, byte[] content);

    /** Uploads a finished local file atomically, as {@link #write}. */
    void upload(Location object, Path localFile);

    boolean exists(Location object);
}
