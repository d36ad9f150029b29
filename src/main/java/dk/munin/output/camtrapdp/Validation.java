package dk.munin.output.camtrapdp;

import java.util.List;

/**
 * What {@link CamtrapDpValidator} found.
 *
 * @param findings  every violation; empty means the package is valid as far as it was checked
 * @param unchecked rules the validator could not apply (a remote {@code $ref} with no local copy,
 *                  a field format it does not know), so a caller never mistakes "not checked" for
 *                  "passed"
 */
public record Validation(List<Finding> findings, List<String> unchecked) {

    public Validation {
        findings = List.copyOf(findings);
        unchecked = List.copyOf(unchecked);
    }

    public boolean valid() {
        return findings.isEmpty();
    }
}
