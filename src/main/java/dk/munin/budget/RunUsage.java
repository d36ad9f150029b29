package dk.munin.budget;

/**
 * What a run uses, before it is priced: estimated from the photo count, or measured after it ran.
 * The same price table prices both, so the estimate's error is the usage's error alone.
 *
 * @param detectorSeconds      detector time over all shards, start-up not included
 * @param detectorStartSeconds start-up time over all shards (instance boot, JVM, model load)
 * @param detectorCpus         vCPUs the detector keeps busy, for CPU-hours
 * @param lambdaGbSeconds      Lambda duration x memory over every invocation
 * @param lambdaSeconds        Lambda duration over every invocation, for CPU-hours
 * @param storedGb             the outputs' size
 * @param storedObjects        the outputs' objects (Intelligent-Tiering monitors each)
 */
public record RunUsage(double detectorSeconds, double detectorStartSeconds, int detectorCpus, double lambdaGbSeconds,
                       long lambdaRequests, double lambdaSeconds, long stateTransitions, long s3Reads, long s3Writes,
                       double storedGb, long storedObjects, double logsGb) {

    private static final double SECONDS_PER_HOUR = 3600.0;

    public double cpuHours() {
        return ((detectorSeconds + detectorStartSeconds) * detectorCpus + lambdaSeconds) / SECONDS_PER_HOUR;
    }
}
