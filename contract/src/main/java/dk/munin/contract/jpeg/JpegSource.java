package dk.munin.contract.jpeg;

/**
 * The bytes of a JPEG, by position, as a segment walk asks for them: a photo in memory, or a
 * remote object read through ranged requests, where asking only for what the walk needs is
 * what keeps a photo's metadata cheap to read.
 */
public interface JpegSource {

    /**
     * Makes up to {@code wanted} bytes from {@code position} readable (a remote source fetches
     * them here) and says how many are: fewer than {@code wanted} only where the data ends.
     */
    int readable(long position, int wanted);

    /** The byte at {@code position}, 0..255: only for bytes {@link #readable} has said are there. */
    int byteAt(long position);

    /** A photo already in memory. */
    static JpegSource of(byte[] bytes) {
        return new InMemory(bytes);
    }

    /** Everything is readable at once; nothing is fetched. */
    record InMemory(byte[] bytes) implements JpegSource {

        @Override
        public int readable(long position, int wanted) {
            return (int) Math.max(0, Math.min(wanted, bytes.length - position));
        }

        @Override
        public int byteAt(long position) {
            return bytes[(int) position] & 0xFF;
        }
    }
}
