package dk.munin.workflow;

/**
 * Where a Distributed Map's {@code ResultWriter} with Resource {@code arn:aws:states:::s3:putObject}
 * writes its result files and manifest. The runner knows no storage; the app binds this to its ObjectStore.
 */
public interface ResultTarget {

    /** Writes one whole object, as one PutObject; a failure is any RuntimeException. */
    void putObject(String bucket, String key, byte[] content);
}
