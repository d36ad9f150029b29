package dk.munin.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.cloudformation.TemplatePolicies.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static dk.munin.cloudformation.TemplatePolicies.iterable;
import static dk.munin.cloudformation.TemplatePolicies.matches;
import static dk.munin.cloudformation.TemplatePolicies.realBranches;
import static dk.munin.cloudformation.TemplatePolicies.resourceText;
import static dk.munin.cloudformation.TemplatePolicies.statementsOf;
import static dk.munin.cloudformation.TemplatePolicies.strings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Stage-0's Distributed Map (issue 13: ReadPhotoBatches over the S3 listing of input_uri, its
 * ResultWriter, then MergePhotoBatches) needs from the stack, and no more: the state machine role's
 * documented Distributed Map permissions (Step Functions Developer Guide, "IAM policies for using
 * Distributed Map states"), stage0-exif's reads of its own work folder, and the function's /tmp.
 * Grants are compared exactly (a missing or a broader one fails), and resource patterns are read as
 * IAM reads them against the keys a run writes.
 */
@ExtendWith(CfnTools.Installed.class)
class DistributedMapPermissionsTest {

    private static final String BUCKET = "${DataBucket.Arn}";
    private static final String STATES_ARN = "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:";
    private static final Set<String> RESULT_WRITER_ACTIONS =
            Set.of("s3:PutObject", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload");
    /** Two spellings of a session's work folder: output_uri = results/ itself, or a run's folder below it. */
    private static final List<String> WORK = List.of("results/_work/s-1/", "results/survey-2026/kenya/_work/s-1/");
    /** One line of stage0/images.jsonl is ~700 bytes; a run of 1,000,000 photos writes ~700 MB through /tmp. */
    private static final int IMAGES_JSONL_MB_AT_A_MILLION_PHOTOS = 700;
    private static final int LAMBDA_DEFAULT_TMP_MB = 512;
    private static final int LAMBDA_MAX_TMP_MB = 10_240;
    private static final int LAMBDA_MAX_TIMEOUT_SECONDS = 900;

    private static JsonNode resources;
    private static String stateMachineName;
    private static String stateMachineRoleId;
    private static String stage0FunctionId;

    @BeforeAll
    static void readTheTemplate() {
        resources = CfnTools.normalised(CfnTools.TEMPLATE).path("Resources");
        JsonNode stateMachine = resources.path("StateMachine").path("Properties");
        stateMachineName = stateMachine.path("StateMachineName").path("Fn::Sub").asText();
        stateMachineRoleId = stateMachine.path("RoleArn").path("Fn::GetAtt").path(0).asText();
        // The function the ASL's Stage-0 tasks (Stage0Exif, ReadPhotoBatch, MergePhotoBatches) invoke.
        String alias = stateMachine.path("DefinitionSubstitutions").path("Stage0ExifFunctionArn").path("Ref").asText();
        stage0FunctionId = resources.path(alias).path("Properties").path("FunctionName").path("Ref").asText();
        assertThat(stateMachineName).as("StateMachineName, fixed").isEqualTo("${FunctionPrefix}pipeline");
        assertThat(resources.has(stateMachineRoleId)).as("the state machine's role").isTrue();
        assertThat(resources.has(stage0FunctionId)).as("the function behind Stage0ExifFunctionArn").isTrue();
    }

    @Test
    void theStateMachineRoleGrantsExactlyTheDistributedMapsStepFunctionsAndS3Actions() {
        String childExecutions = STATES_ARN + "execution:" + stateMachineName + "/*";
        Set<String> mapResults = new TreeSet<>(Set.of(BUCKET + "/results/_work/*/stage0/map-results/*",
                BUCKET + "/results/*/_work/*/stage0/map-results/*"));
        Map<String, Set<String>> expected = new TreeMap<>(Map.of(
                "states:StartExecution", Set.of(STATES_ARN + "stateMachine:" + stateMachineName),
                "states:DescribeExecution", Set.of(childExecutions),
                "states:StopExecution", Set.of(childExecutions),
                "states:RedriveExecution", Set.of(childExecutions),
                "s3:ListBucket", Set.of(BUCKET)));
        RESULT_WRITER_ACTIONS.forEach(action -> expected.put(action, mapResults));

        assertThat(grants(stateMachineRoleId, Set.of("states", "s3"))).isEqualTo(expected);
    }

    @Test
    void theStateMachineRoleNamesItsOwnStateMachineWithoutReferringToIt() {
        // A Ref or GetAtt of the StateMachine from its own role is a circular dependency CloudFormation refuses.
        String role = resources.path(stateMachineRoleId).toString();
        assertThat(role).doesNotContain("{\"Ref\":\"StateMachine\"}").doesNotContain("[\"StateMachine\",");
        String execution = STATES_ARN + "execution:" + stateMachineName.replace("${FunctionPrefix}", "munin-") + "/";
        List<String> children = patterns(stateMachineRoleId, "states:DescribeExecution").stream()
                .map(p -> p.replace("${FunctionPrefix}", "munin-")).toList();
        assertThat(children).allMatch(p -> matches(p, execution + "ReadPhotoBatches:0f1e2d3c"))
                .noneMatch(p -> matches(p, STATES_ARN + "execution:munin-pipeline:run-1"))
                .noneMatch(p -> matches(p, STATES_ARN + "execution:munin-pipelineX/ReadPhotoBatches:1"));
    }

    @Test
    void theItemReaderListsOnlyThePhotos() {
        List<Statement> listings = statementsOf(resources.path(stateMachineRoleId), stateMachineRoleId).stream()
                .filter(s -> s.actions().contains("s3:ListBucket")).toList();
        assertThat(listings).hasSize(1);
        JsonNode condition = listings.get(0).body().path("Condition");
        assertThat(fieldNames(condition)).containsExactly("StringLike");
        assertThat(fieldNames(condition.path("StringLike"))).containsExactly("s3:prefix");
        List<String> prefixes = strings(condition.path("StringLike").path("s3:prefix"));
        assertThat(prefixes).containsExactlyInAnyOrder("frames/", "frames/*");
        assertThat(List.of("frames/", "frames/camera-07/2024-05/")).allMatch(p -> prefixes.stream().anyMatch(q -> matches(q, p)));
        assertThat(List.of("", "results/", "manifests/", "framesX/")).noneMatch(p -> prefixes.stream().anyMatch(q -> matches(q, p)));
    }

    @Test
    void theResultWriterWritesOnlyTheMapResultsOfASessionsWorkFolder() {
        for (String action : RESULT_WRITER_ACTIONS) {
            List<String> patterns = patterns(stateMachineRoleId, action);
            for (String work : WORK) {
                String results = work + "stage0/map-results/8d2c5a1e-4b7f/";
                assertThat(List.of(results + "manifest.json", results + "SUCCEEDED_0.json", results + "FAILED_12.json"))
                        .as("%s below %s", action, work).allMatch(key -> allowed(patterns, key));
                assertThat(List.of(work + "stage0/batches/0.jsonl", work + "execution/journal.jsonl", work + "lease.json"))
                        .as("%s elsewhere in %s", action, work).noneMatch(key -> allowed(patterns, key));
            }
            assertThat(List.of("results/survey/stage0/images.jsonl", "results/survey_work/s-1/stage0/map-results/x/manifest.json",
                    "frames/camera-07/IMG_0001.JPG", "manifests/run.json", "crops/a.jpg"))
                    .as("%s outside any work folder", action).noneMatch(key -> allowed(patterns, key));
        }
    }

    @Test
    void theResultWriterUsesACustomerKeyOnlyThroughS3AndOnlyWhenThereIsOne() {
        List<JsonNode> kms = new java.util.ArrayList<>();
        for (JsonNode policy : resources.path(stateMachineRoleId).path("Properties").path("Policies")) {
            for (JsonNode statement : iterable(policy.path("PolicyDocument").path("Statement"))) {
                if (statement.toString().contains("\"kms:")) {
                    kms.add(statement);
                }
            }
        }
        assertThat(kms).as("KMS statements of the state machine role").hasSize(1);
        JsonNode conditional = kms.get(0).path("Fn::If");
        assertThat(conditional.path(0).asText()).as("granted only under").isEqualTo("UseCustomerKey");
        assertThat(conditional.path(2).path("Ref").asText()).isEqualTo("AWS::NoValue");
        JsonNode statement = realBranches(kms.get(0)).get(0);
        assertThat(strings(statement.path("Action"))).containsExactlyInAnyOrder("kms:Decrypt", "kms:GenerateDataKey");
        assertThat(resourceText(statement.path("Resource"))).isEqualTo("${KmsKeyArn}");
        assertThat(statement.path("Condition").path("StringEquals").path("kms:ViaService").path("Fn::Sub").asText())
                .isEqualTo("s3.${AWS::Region}.amazonaws.com");
    }

    @Test
    void stage0ExifReadsItsOwnWorkFilesAndWritesItsShardsButReadsNoOtherStagesFiles() {
        String role = resources.path(stage0FunctionId).path("Properties").path("Role").path("Fn::GetAtt").path(0).asText();
        assertThat(new TreeSet<>(patterns(role, "s3:GetObject"))).containsExactly(
                BUCKET + "/frames/*", BUCKET + "/results/*/_work/*/stage0/*", BUCKET + "/results/_work/*/stage0/*");
        List<String> reads = patterns(role, "s3:GetObject");
        List<String> writes = patterns(role, "s3:PutObject");
        for (String work : WORK) {
            String results = work + "stage0/map-results/8d2c5a1e-4b7f/";
            assertThat(List.of(results + "manifest.json", results + "SUCCEEDED_0.json", results + "FAILED_3.json", work + "stage0/batches/41.jsonl"))
                    .as("MergePhotoBatches reads in %s", work).allMatch(key -> allowed(reads, key));
            assertThat(List.of(work + "stage0/batches/41.jsonl")).as("ReadPhotoBatch writes its shard").allMatch(key -> allowed(writes, key));
            assertThat(List.of(work + "execution/journal.jsonl", work + "lease.json", work + "stage1/part-0.json"))
                    .as("the rest of %s", work).noneMatch(key -> allowed(reads, key));
        }
        assertThat(allowed(writes, "results/survey-2026/stage0/images.jsonl")).as("the merged images.jsonl").isTrue();
        assertThat(List.of("results/survey-2026/stage1/detections.json", "results/survey-2026/stage0/images.jsonl", "manifests/run.json"))
                .as("other stages' outputs").noneMatch(key -> allowed(reads, key));
    }

    @Test
    void stage0ExifHasTheTmpTheMergeStreamsThroughAndNoSnapStartLambdaWouldRefuseWithIt() {
        JsonNode function = resources.path(stage0FunctionId).path("Properties");
        int tmp = function.path("EphemeralStorage").path("Size").asInt();
        assertThat(tmp).as("stage0-exif's /tmp (MB)").isGreaterThanOrEqualTo(IMAGES_JSONL_MB_AT_A_MILLION_PHOTOS * 3 / 2)
                .isLessThanOrEqualTo(LAMBDA_MAX_TMP_MB);
        assertThat(function.path("Timeout").asInt()).as("stage0-exif's timeout").isEqualTo(LAMBDA_MAX_TIMEOUT_SECONDS);
        // Lambda Developer Guide, SnapStart "Supported features and limitations": no ephemeral storage above 512 MB.
        resources.fields().forEachRemaining(entry -> {
            JsonNode properties = entry.getValue().path("Properties");
            if (entry.getValue().path("Type").asText().equals("AWS::Lambda::Function")
                    && properties.path("SnapStart").path("ApplyOn").asText().equals("PublishedVersions")) {
                assertThat(properties.path("EphemeralStorage").path("Size").asInt(LAMBDA_DEFAULT_TMP_MB))
                        .as("%s: SnapStart with /tmp above 512 MB", entry.getKey()).isLessThanOrEqualTo(LAMBDA_DEFAULT_TMP_MB);
            }
        });
    }

    // --- reading the roles ---------------------------------------------------------------------

    /** Action -> resource patterns the role allows, for the actions of the given services (both branches of an Fn::If). */
    private static Map<String, Set<String>> grants(String roleId, Set<String> services) {
        Map<String, Set<String>> grants = new TreeMap<>();
        for (Statement statement : statementsOf(resources.path(roleId), roleId)) {
            if (!statement.allows()) {
                continue;
            }
            for (String action : statement.actions()) {
                if (services.contains(action.substring(0, action.indexOf(':')))) {
                    for (JsonNode resource : iterable(statement.body().path("Resource"))) {
                        grants.computeIfAbsent(action, a -> new TreeSet<>()).add(resourceText(resource));
                    }
                }
            }
        }
        return grants;
    }

    private static List<String> patterns(String roleId, String action) {
        List<String> patterns = List.copyOf(grants(roleId, Set.of(action.substring(0, action.indexOf(':')))).getOrDefault(action, Set.of()));
        assertThat(patterns).as("%s allows %s", roleId, action).isNotEmpty();
        return patterns;
    }

    /** Whether one of the patterns covers the data bucket's object with this key. */
    private static boolean allowed(List<String> patterns, String key) {
        return patterns.stream().anyMatch(p -> matches(p, BUCKET + "/" + key));
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
