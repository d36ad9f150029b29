package dk.munin.storage;

import java.nio.file.Path;
import java.util.List;

/** The few object operations the stages need, the same for local folders and S3. */
public interface ObjectStore {

    /** Every object below {@code folder}, recursively, sorted by key so runs are repeatable. */
    List<StoredObject> list(Location folder);

    byte[] read(Location object);

    /** Up to {@code length} bytes from {@code start}; fewer when the object is shorter. */
    byte[] readRange(Location object, long start, int length);

    /** Writes the whole object so that readers see either the old or the new content, never a part. */
    void write(Location object, byte[] content);

    /** Uploads a finished local file atomically, as {@link #write}. */
    void upload(Location object, Path localFile);

    boolean exists(Location object);
}
