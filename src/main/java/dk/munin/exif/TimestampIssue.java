package dk.munin.exif;

/**
 * What can be wrong with a photo's time or its deployment. Flagged in images.jsonl's
 * {@code issues}, never silently fixed (docs/time-correction.md says how each is decided).
 */
public enum TimestampIssue {
    /** Neither EXIF nor a maker note holds a usable time. */
    NO_TIME("no_time"),
    /** The camera's date is one cameras fall back to when their clock is reset (munin.exif.factory-default-dates). */
    FACTORY_DEFAULT_DATE("factory_default_date"),
    /** The corrected time lies after the moment Stage-0 ran. */
    FUTURE_TIME("future_time"),
    /** The corrected time lies outside the deployment's start-end window. */
    OUTSIDE_DEPLOYMENT("outside_deployment"),
    /** Within one Reconyx sequence, a later frame carries an earlier time than a frame before it. */
    SEQUENCE_OUT_OF_ORDER("sequence_out_of_order"),
    /** The manifest has a deployments table, but no deployment names this photo's camera. */
    NO_DEPLOYMENT("no_deployment"),
    /** Several deployments name this photo's camera and its time does not pick exactly one. */
    AMBIGUOUS_DEPLOYMENT("ambiguous_deployment");

    private final String code;

    TimestampIssue(String code) {
        this.code = code;
    }

    /** The value written to images.jsonl. */
    public String code() {
        return code;
    }
}
