package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Distributed Map's ToleratedFailureCount and ToleratedFailurePercentage: how many failed items
 * the Map Run survives. With neither, as with both at 0, one failed item fails the run; with
 * both, exceeding either fails it. Items are counted, not child executions: a failed batch counts
 * every item it held, as Step Functions computes "failed items divided by the total number of
 * items" (https://docs.aws.amazon.com/step-functions/latest/dg/maprun-fail-threshold.html).
 *
 * @param count          null when not given
 * @param percentage     null when not given; 0 to 100
 * @param percentagePath ToleratedFailurePercentagePath, read from the Map's effective input when it starts; null when not given
 */
record MapTolerance(Long count, Double percentage, DataPath percentagePath) {

    static final MapTolerance NONE = new MapTolerance(null, null, null);

    static boolean isPercentage(JsonNode value) {
        return value.isNumber() && value.asDouble() >= 0 && value.asDouble() <= 100;
    }

    /** This tolerance with ToleratedFailurePercentagePath read, as the Map Run starts. */
    MapTolerance resolve(JsonNode effectiveInput, JsonNode context) throws StateError {
        if (percentagePath == null) {
            return this;
        }
        JsonNode value = percentagePath.read(effectiveInput, context, "ToleratedFailurePercentagePath");
        if (!isPercentage(value)) {
            throw StateError.runtime("The ToleratedFailurePercentagePath '" + percentagePath
                    + "' must select a number from 0 to 100, not " + value);
        }
        return new MapTolerance(count, value.asDouble(), null);
    }

    /** Decidable before the run ends: the count alone (or the default of no failure at all). */
    boolean exceededByCount(long failedItems) {
        if (count == null && percentage == null) {
            return failedItems > 0;
        }
        return count != null && failedItems > count;
    }

    /** Once every item ran: the percentage of the whole. */
    boolean exceeded(long failedItems, long totalItems) {
        if (exceededByCount(failedItems)) {
            return true;
        }
        return percentage != null && totalItems > 0 && failedItems * 100.0 / totalItems > percentage;
    }

    StateError error(long failedItems, long totalItems) {
        return new StateError(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD, "The Map Run failed: " + failedItems + " of "
                + totalItems + " item(s) failed, over the tolerated " + describe());
    }

    private String describe() {
        if (count == null && percentage == null) {
            return "0 (no ToleratedFailureCount or ToleratedFailurePercentage)";
        }
        String described = count == null ? "" : "ToleratedFailureCount " + count;
        if (percentage != null) {
            described += (described.isEmpty() ? "" : " / ") + "ToleratedFailurePercentage " + percentage;
        }
        return described;
    }
}
