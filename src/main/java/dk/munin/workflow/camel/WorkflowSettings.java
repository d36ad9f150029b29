package dk.munin.workflow.camel;

import dk.munin.contract.settings.Settings;

/**
 * How the embedded runner runs pipeline.asl.json in this JVM (application.properties, "Workflow").
 *
 * @param definition          munin.workflow.definition: the file, which wins over the jar's copy
 * @param definitionFallback  munin.workflow.definition-fallback: the jar's copy
 * @param localFunctionArn    munin.workflow.local-function-arn: the format of the local function ARNs
 * @param functionPrefix      munin.workflow.function-prefix: Lambda function names are this + the route id
 * @param spotJobQueueArn     munin.workflow.local-spot-job-queue-arn: the queue when the manifest's use_spot is true
 * @param onDemandJobQueueArn munin.workflow.local-on-demand-job-queue-arn: the queue otherwise
 * @param jobDefinitionArn    munin.workflow.local-job-definition-arn
 * @param stateMachineArn     munin.workflow.local-state-machine-arn
 * @param batchRoute          munin.workflow.batch-route: where batch:submitJob.sync goes locally
 * @param history             munin.workflow.history: where the run report reads the execution's history
 * @param mapMaxThreads       munin.workflow.map-max-threads: the most threads one Map state runs its items on
 * @param localBuckets        munin.workflow.local-buckets: the folder whose subfolders stand for the S3 buckets a
 *                            Distributed Map lists and writes; empty when they are real (or embedded) S3 buckets
 */
public record WorkflowSettings(String definition, String definitionFallback, String localFunctionArn, String functionPrefix,
                               String spotJobQueueArn, String onDemandJobQueueArn, String jobDefinitionArn, String stateMachineArn, String batchRoute,
                               HistorySource history, int mapMaxThreads, String localBuckets) {

    public static WorkflowSettings from(Settings settings) {
        return new WorkflowSettings(settings.text("munin.workflow.definition"),
                settings.text("munin.workflow.definition-fallback"),
                settings.text("munin.workflow.local-function-arn"),
                settings.text("munin.workflow.function-prefix"),
                settings.text("munin.workflow.local-spot-job-queue-arn"),
                settings.text("munin.workflow.local-on-demand-job-queue-arn"),
                settings.text("munin.workflow.local-job-definition-arn"),
                settings.text("munin.workflow.local-state-machine-arn"),
                settings.text("munin.workflow.batch-route"),
                HistorySource.from(settings),
                settings.integer("munin.workflow.map-max-threads"),
                settings.optional("munin.workflow.local-buckets").orElse(""));
    }
}
