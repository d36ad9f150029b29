package dk.munin.contract.storage;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * Reads a stored text object line by line through range reads, so memory holds one chunk and
 * one line, not the whole object: images.jsonl has a line per photo, and a run may have a
 * million photos.
 */
public final class StoredLines {

    /** Range-read size for line files such as images.jsonl: a few thousand lines per request. */
    public static final int DEFAULT_CHUNK_BYTES = 1 << 20;

    private final ObjectStore store;
    private final int chunkBytes;

    public StoredLines(ObjectStore store) {
        this(store, DEFAULT_CHUNK_BYTES);
    }

    public StoredLines(ObjectStore store, int chunkBytes) {
        this.store = store;
        this.chunkBytes = chunkBytes;
    }

    /**
     * Hands each line (UTF-8, without its '\n') to {@code onLine} until it returns false or
     * the object ends.
     */
    public void read(Location object, Predicate<String> onLine) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long position = 0;
        while (true) {
            // One byte more than is used tells whether anything follows, so the next range
            // never starts at the very end, which S3 would refuse (416) rather than answer empty.
            byte[] chunk = store.readRange(object, position, chunkBytes + 1);
            boolean lastChunk = chunk.length <= chunkBytes;
            int used = lastChunk ? chunk.length : chunkBytes;
            for (int i = 0; i < used; i++) {
                if (chunk[i] != '\n') {
                    line.write(chunk[i]);
                } else if (!onLine.test(take(line))) {
                    return;
                }
            }
            if (lastChunk) {
                if (line.size() > 0) {
                    onLine.test(take(line));
                }
                return;
            }
            position += used;
        }
    }

    /** Decoding whole lines is safe: '\n' never occurs inside a multi-byte UTF-8 character. */
    private static String take(ByteArrayOutputStream line) {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        return text;
    }
}
