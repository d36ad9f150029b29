package dk.munin.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.budget.CostMetric;
import dk.munin.testing.ApplicationSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The values the seed and issue 8 ask of the stack, read from the template as CloudFormation reads
 * it (tools/cfn's long form): the bucket's lifecycle, public access and TLS rule, SnapStart versions
 * that follow every template change, the spot compute environment, the job's retry, the state
 * machine's logs and traces, and alarms that watch the metric the app really writes.
 */
@ExtendWith(CfnTools.Installed.class)
class StackSettingsTest {

    private static JsonNode template;
    private static JsonNode resources;

    @BeforeAll
    static void readTheTemplate() {
        template = CfnTools.normalised(CfnTools.TEMPLATE);
        resources = template.path("Resources");
    }

    /**
     * CloudFormation publishes a Lambda version only when the Version's own properties change; a
     * new memory size or variable alone would leave the live alias on the old configuration.
     */
    @Test
    void everyLambdaVersionIsPublishedAgainForANewArtefactOrTemplateAndItsAliasPointsAtIt() {
        Map<String, JsonNode> versions = ofType("AWS::Lambda::Version");
        Map<String, JsonNode> functions = ofType("AWS::Lambda::Function");
        assertThat(versions).hasSameSizeAs(functions.keySet().stream().filter(f -> !f.startsWith("Trigger")).toList());
        versions.forEach((id, version) -> assertThat(version.path("Properties").path("Description").path("Fn::Sub").asText())
                .as(id).contains("${ArtefactKey}").contains("${TemplateDigest}"));
        ofType("AWS::Lambda::Alias").forEach((id, alias) -> {
            JsonNode properties = alias.path("Properties");
            String version = properties.path("FunctionVersion").path("Fn::GetAtt").path(0).asText();
            assertThat(versions).as(id + " points at a version").containsKey(version);
            assertThat(versions.get(version).path("Properties").path("FunctionName")).as(id + ": the same function")
                    .isEqualTo(properties.path("FunctionName"));
        });
        // Every stage restores from a SnapStart snapshot, except stage0-exif: the Distributed Map's merge
        // needs more /tmp than the 512 MB Lambda allows with SnapStart (DistributedMapPermissionsTest).
        Map<String, String> snapStart = new TreeMap<>();
        versions.forEach((id, version) -> {
            String function = version.path("Properties").path("FunctionName").path("Ref").asText();
            snapStart.put(function, functions.get(function).path("Properties").path("SnapStart").path("ApplyOn").asText());
        });
        snapStart.forEach((function, applyOn) -> assertThat(applyOn).as(function + " restores from a SnapStart snapshot")
                .isEqualTo(function.equals("Stage0ExifFunction") ? "None" : "PublishedVersions"));
        assertThat(snapStart).as("the stage functions").containsKey("Stage0ExifFunction").hasSizeGreaterThan(1);
    }

    @Test
    void theBucketIsPrivateTlsOnlyAndArchivesThenExpiresByPrefix() {
        JsonNode bucket = resources.path("DataBucket").path("Properties");
        JsonNode block = bucket.path("PublicAccessBlockConfiguration");
        for (String setting : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
            assertThat(block.path(setting).asBoolean()).as(setting).isTrue();
        }
        Map<String, JsonNode> rules = new TreeMap<>();
        bucket.path("LifecycleConfiguration").path("Rules").forEach(rule -> rules.put(rule.path("Prefix").asText(), rule));
        for (String prefix : List.of("frames/", "crops/", "results/")) {
            assertThat(transitions(rules.get(prefix))).as(prefix).containsExactly("STANDARD_IA@30", "GLACIER@90", "DEEP_ARCHIVE@365");
        }
        assertThat(rules.get("frames/").path("ExpirationInDays").asInt()).as("frames expire after 3 years").isEqualTo(3 * 365);
        assertThat(rules.get("crops/").path("ExpirationInDays").asInt()).as("crops expire after 2 years").isEqualTo(2 * 365);
        assertThat(rules.get("results/").has("ExpirationInDays")).as("results are kept").isFalse();
        assertThat(bucket.path("VersioningConfiguration").path("Status").asText()).isEqualTo("Enabled");
        assertThat(rules.get("manifests/").path("NoncurrentVersionExpiration").path("NoncurrentDays").asInt())
                .as("old manifests are kept a year").isEqualTo(365);
        assertThat(bucket.path("NotificationConfiguration").path("EventBridgeConfiguration").path("EventBridgeEnabled").asBoolean()).isTrue();

        JsonNode deny = resources.path("DataBucketPolicy").path("Properties").path("PolicyDocument").path("Statement").path(0);
        assertThat(deny.path("Effect").asText()).isEqualTo("Deny");
        assertThat(deny.path("Condition").path("Bool").path("aws:SecureTransport").asText()).isEqualTo("false");
    }

    @Test
    void detectionRunsOnCapacityOptimisedSpotOrOnDemandC5AndM5WithOneRetry() {
        Map<String, JsonNode> environments = ofType("AWS::Batch::ComputeEnvironment");
        assertThat(environments).hasSize(2);
        List<String> kinds = new ArrayList<>();
        environments.values().forEach(environment -> {
            JsonNode compute = environment.path("Properties").path("ComputeResources");
            kinds.add(compute.path("Type").asText());
            assertThat(compute.path("InstanceTypes")).extracting(JsonNode::asText).containsExactly("c5", "m5");
            assertThat(compute.path("MaxvCpus").path("Ref").asText()).isEqualTo("MaxVcpus");
            if (compute.path("Type").asText().equals("SPOT")) {
                assertThat(compute.path("AllocationStrategy").asText()).isEqualTo("SPOT_CAPACITY_OPTIMIZED");
            }
        });
        assertThat(kinds).containsExactlyInAnyOrder("SPOT", "EC2");
        assertThat(template.path("Parameters").path("MaxVcpus").path("Default").asInt()).isEqualTo(100);
        assertThat(ofType("AWS::Batch::JobQueue")).hasSize(2);
        assertThat(only("AWS::Batch::JobDefinition").path("Properties").path("RetryStrategy").path("Attempts").asInt())
                .as("retry once").isEqualTo(2);
    }

    @Test
    void theStateMachineLogsEveryEventAndTraces() {
        JsonNode machine = only("AWS::StepFunctions::StateMachine").path("Properties");
        assertThat(machine.path("LoggingConfiguration").path("Level").asText()).isEqualTo("ALL");
        assertThat(machine.path("TracingConfiguration").path("Enabled").asBoolean()).isTrue();
    }

    /** The seed's alarm at 100 USD-equivalent, on the namespace, name and dimension CostMetric writes in its EMF lines. */
    @Test
    void theCostAlarmWatchesTheMetricTheAppWrites() {
        JsonNode alarm = resources.path("CostAlarm").path("Properties");
        assertThat(alarm.path("Threshold").path("Ref").asText()).isEqualTo("CostAlarmThresholdUsd");
        assertThat(template.path("Parameters").path("CostAlarmThresholdUsd").path("Default").asInt()).isEqualTo(100);
        JsonNode metric = alarm.path("Metrics").path(0).path("MetricStat").path("Metric");
        assertThat(metric.path("Namespace").asText()).isEqualTo(ApplicationSettings.settings().text("munin.budget.cost-metric-namespace"));
        assertThat(metric.path("MetricName").asText()).isEqualTo(CostMetric.METRIC);
        assertThat(metric.path("Dimensions").path(0).path("Name").asText()).isEqualTo(CostMetric.DIMENSION);
        assertThat(metric.path("Dimensions").path(0).path("Value"))
                .as("the state machine's name, which CostMetric takes from the execution ARN")
                .isEqualTo(only("AWS::StepFunctions::StateMachine").path("Properties").path("StateMachineName"));
        assertThat(resources.path("SpentCostAlarm").path("Properties").path("Metrics").path(0).path("MetricStat").path("Metric")
                .path("MetricName").asText()).isEqualTo(CostMetric.SPENT_METRIC);
    }

    private static List<String> transitions(JsonNode rule) {
        List<String> found = new ArrayList<>();
        rule.path("Transitions").forEach(t -> found.add(t.path("StorageClass").asText() + "@" + t.path("TransitionInDays").asInt()));
        return found;
    }

    private static Map<String, JsonNode> ofType(String type) {
        Map<String, JsonNode> found = new TreeMap<>();
        resources.fields().forEachRemaining(entry -> {
            if (entry.getValue().path("Type").asText().equals(type)) {
                found.put(entry.getKey(), entry.getValue());
            }
        });
        return found;
    }

    private static JsonNode only(String type) {
        Map<String, JsonNode> found = ofType(type);
        assertThat(found).as("resources of type %s", type).hasSize(1);
        return found.values().iterator().next();
    }
}
