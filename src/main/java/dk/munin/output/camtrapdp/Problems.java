package dk.munin.output.camtrapdp;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems found in the writer's input, gathered so that all of them are reported together.
 * Only the first {@link #LISTED} are kept word for word, the rest counted: a stream of a million
 * wrong rows must neither fill the heap nor the run report with a million messages.
 */
final class Problems {

    static final int LISTED = 1000;

    private final List<String> found = new ArrayList<>();
    private long unlisted;

    /**
     * @param where the row, e.g. {@code deployment 'dep1'}
     * @param what  the field and what is wrong with it
     */
    void add(String where, String what) {
        if (found.size() < LISTED) {
            found.add(where + ": " + what);
        } else {
            unlisted++;
        }
    }

    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidCamtrapDpInput(found, unlisted);
        }
    }
}
