package dk.munin.manifest;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a run's work is done, and so how it is priced (the seed's {@code Budget.mode}).
 */
public enum BudgetMode {

    /** The seed's: the stages as Lambda functions, the detector on AWS Batch, priced from the price table. */
    HYBRID,
    /** Everything on this machine: no krone is spent, so compute is priced at 0 and reported in CPU-hours. */
    LOCAL;

    /** The name a manifest gives, in any case: "HYBRID", "hybrid". */
    public static BudgetMode ofManifestName(String name) {
        return Arrays.stream(values())
                .filter(mode -> mode.name().equals(name.trim().toUpperCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be HYBRID or LOCAL, got \"" + name + "\""));
    }

    public boolean spendsMoney() {
        return this == HYBRID;
    }
}
