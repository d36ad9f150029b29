package dk.munin.detect;

/**
 * The model a local-process run gives its detector processes: the one configured
 * ({@link DetectorModel}, munin.detect.model) or, when none is, the named default fetched into
 * the model cache ({@link DefaultModel}).
 */
public interface LocalModel {

    /** Fails before a run, saying what to set, when no usable model could be had; fetches nothing. */
    void checkUsableLocally();

    /**
     * The model for the next job, readable on this machine or where the detector can fetch it
     * itself; may download it first, reporting how far it is.
     */
    DetectorModel obtain(DownloadProgress progress);
}
