package dk.munin.output.camtrapdp;

/**
 * The observation IDs seen so far, for observations.csv's primary key, kept as 64-bit hashes in
 * an open-addressing table at most three quarters full: 16 MB for 1.25 M IDs, at most 22 bytes
 * an ID, where a {@code HashSet<String>} would hold each ID's String and an entry, well over 100
 * bytes each.
 *
 * <p>Equal IDs have equal hashes, so a duplicate is never missed. Two different IDs with the same
 * hash would be taken for one given twice, and the package refused although it was valid: a
 * false refusal, the safe side, never a duplicate let through. For n IDs that happens with a
 * probability of about n²/2⁶⁵ (1 in 20 million for 1.25 M IDs).
 */
final class ObservationIds {

    private static final int FIRST_CAPACITY = 1 << 10;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /** A power of two in length; 0 marks an empty slot, so a hash of 0 is kept aside in {@link #zeroSeen}. */
    private long[] slots = new long[FIRST_CAPACITY];
    private int size;
    private boolean zeroSeen;

    /** @return {@code false} when the ID, or one with its hash, was added before */
    boolean add(String id) {
        long hash = hash(id);
        if (hash == 0) {
            boolean first = !zeroSeen;
            zeroSeen = true;
            return first;
        }
        if (size + 1 > slots.length / 4 * 3) {
            grow();
        }
        if (!insert(slots, hash)) {
            return false;
        }
        size++;
        return true;
    }

    /**
     * FNV-1a over the UTF-16 chars, then MurmurHash3's finaliser. The finaliser is a bijection, so
     * it adds no collisions; it spreads the bits, as FNV's low bits depend on the input's low bits
     * only and the table is indexed by the low bits.
     */
    static long hash(String id) {
        long h = FNV_OFFSET;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= FNV_PRIME;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** Linear probing; {@code false} when the hash is there already. */
    private static boolean insert(long[] table, long hash) {
        int mask = table.length - 1;
        for (int i = (int) hash & mask; ; i = (i + 1) & mask) {
            if (table[i] == 0) {
                table[i] = hash;
                return true;
            }
            if (table[i] == hash) {
                return false;
            }
        }
    }

    private void grow() {
        long[] larger = new long[slots.length * 2];
        for (long hash : slots) {
            if (hash != 0) {
                insert(larger, hash);
            }
        }
        slots = larger;
    }
}
