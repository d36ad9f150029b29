package dk.munin.workflow.camel;

import dk.munin.contract.settings.Settings;

/**
 * How the embedded runner runs pipeline.asl.json in this JVM (application.properties, "Workflow").
 *
 * @param definition          munin.workflow.definition: the file, which wins over the jar's copy
 * @param definitionFallback  munin.workflow.definition-fallback: the jar's copy
 * @param localFunctionArn    munin.workflow.local-function-arn: the format of the local function ARNs
 * @param functionPrefix      munin.workflow.function-prefix: Lambda function names are this + the route id
 * @param jobQueueArn         munin.workflow.local-job-queue-arn
 * @param jobDefinitionArn    munin.workflow.local-job-definition-arn
 * @param stateMachineArn     munin.workflow.local-state-machine-arn
 * @param batchRoute          munin.workflow.batch-route: where batch:submitJob.sync goes locally
 */
public record WorkflowSettings(String definition, String definitionFallback, String localFunctionArn, String functionPrefix,
                               String jobQueueArn, String jobDefinitionArn, String stateMachineArn, String batchRoute) {

    public static WorkflowSettings from(Settings settings) {
        return new WorkflowSettings(settings.text("munin.workflow.definition"),
                settings.text("munin.workflow.definition-fallback"),
                settings.text("munin.workflow.local-function-arn"),
                settings.text("munin.workflow.function-prefix"),
                settings.text("munin.workflow.local-job-queue-arn"),
                settings.text("munin.workflow.local-job-definition-arn"),
                settings.text("munin.workflow.local-state-machine-arn"),
                settings.text("munin.workflow.batch-route"));
    }
}
