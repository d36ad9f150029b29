package dk.munin.output.camtrapdp;

import java.util.ArrayList;
import java.util.List;

/** The problems found in the writer's input, gathered so that all of them are reported together. */
final class Problems {

    private final List<String> found = new ArrayList<>();

    /**
     * @param where the row, e.g. {@code deployment 'dep1'}
     * @param what  the field and what is wrong with it
     */
    void add(String where, String what) {
        found.add(where + ": " + what);
    }

    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidCamtrapDpInput(found);
        }
    }
}
