package dk.munin.budget;

/** The parts a run's cost is broken into, as the run state and the run report name them. */
public enum CostComponent {

    /** The seed's calculate_job_cost: photos x ms per frame x the detector instance's price per hour. */
    DETECTOR("detector", "instance-hours"),
    /** Each shard's start: the Batch instance booting and pulling the image, the JVM, loading the model. */
    DETECTOR_START("detector_start", "instance-hours"),
    LAMBDA_DURATION("lambda_duration", "GB-seconds"),
    LAMBDA_REQUESTS("lambda_requests", "requests"),
    STEP_FUNCTIONS("step_functions", "state transitions"),
    S3_READS("s3_reads", "requests"),
    S3_WRITES("s3_writes", "requests"),
    /** The outputs kept for munin.budget.s3.storage-months; the photos are the researcher's, not the run's. */
    S3_STORAGE("s3_storage", "GB-months"),
    /** The outputs downloaded out of AWS munin.budget.transfer.downloads times. */
    TRANSFER_OUT("transfer_out", "GB"),
    LOGS("logs", "GB");

    private final String jsonName;
    private final String unit;

    CostComponent(String jsonName, String unit) {
        this.jsonName = jsonName;
        this.unit = unit;
    }

    public String jsonName() {
        return jsonName;
    }

    public String unit() {
        return unit;
    }
}
