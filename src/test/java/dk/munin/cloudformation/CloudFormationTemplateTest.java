package dk.munin.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.munin.cloudformation.TemplatePolicies.Statement;
import dk.munin.state.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dk.munin.cloudformation.TemplatePolicies.iterable;
import static dk.munin.cloudformation.TemplatePolicies.statementsOf;
import static dk.munin.cloudformation.TemplatePolicies.strings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the template must agree on with the rest of the repository: the ASL's placeholders, the
 * route ids, the tasks' timeouts, and least privilege (no wildcard actions; "*" resources only for
 * actions AWS documents without resource-level permissions, each with a comment; each stage's
 * role limited to the bucket prefixes that stage's code uses). Reads the template in long form
 * from tools/cfn/check-template.mjs --normalised.
 */
@ExtendWith(CfnTools.Installed.class)
class CloudFormationTemplateTest {

    private static final Path ASL = Path.of("cloudformation/statemachine/pipeline.asl.json");
    private static final Path ROUTES = Path.of("src/main/resources/routes");
    private static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
    private static final String FUNCTION_PREFIX = "${FunctionPrefix}";
    private static final String STAGE_HANDLER = "dk.munin.lambda.StageHandler::handleRequest";
    private static final String TRIGGER_HANDLER = "dk.munin.lambda.ManifestEventHandler::handleRequest";
    /** pipeline.asl.json gives every Lambda task the function's timeout plus this margin. */
    private static final int TASK_TIMEOUT_MARGIN_SECONDS = 30;

    /**
     * Actions AWS documents (Service Authorization Reference) as supporting no resource-level
     * permissions, so a policy must name Resource "*": Batch's DescribeJobs (how .sync waits), the
     * CloudWatch Logs delivery actions Step Functions logging needs, and X-Ray's trace upload.
     */
    private static final Set<String> NO_RESOURCE_LEVEL_PERMISSIONS = Set.of(
            "batch:DescribeJobs",
            "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
            "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
            "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets");

    /** AWS managed policies the stack may attach: the one AWS Batch requires for an EC2 compute environment's instances. */
    private static final Set<String> ALLOWED_MANAGED_POLICIES = Set.of("service-role/AmazonEC2ContainerServiceforEC2Role");

    /**
     * The data-bucket prefixes each function's code touches (derived from the stage beans and
     * contract/storage/S3ObjectStore; docs/aws.md has the table). The trigger is keyed by its name.
     */
    private static final Map<String, Set<String>> PREFIXES = Map.of(
            "guard-budget", Set.of("frames/"),
            "stage0-exif", Set.of("frames/", "results/"),
            "cost-estimation", Set.of(),
            "merge-detections", Set.of("results/"),
            "stage2-post", Set.of("results/"),
            "weather-enrichment", Set.of("results/"),
            "write-parquet", Set.of("frames/", "results/"),
            "start-execution", Set.of("manifests/"));

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");
    private static final Pattern ROUTE_ID = Pattern.compile("^- route:\\s*\\n\\s+id:\\s*([a-z0-9-]+)\\s*$", Pattern.MULTILINE);
    private static final Pattern BUCKET_OBJECT = Pattern.compile("^\\$\\{DataBucket\\.Arn}/([^/*]+/)");

    private static JsonNode template;
    private static JsonNode resources;
    private static JsonNode asl;
    private static String aslText;

    @BeforeAll
    static void readTheTemplateAndTheWorkflow() throws IOException {
        template = CfnTools.normalised(CfnTools.TEMPLATE);
        resources = template.path("Resources");
        aslText = Files.readString(ASL, StandardCharsets.UTF_8);
        asl = new ObjectMapper().readTree(aslText);
    }

    // --- (2) DefinitionSubstitutions = the ASL's placeholders -------------------------------

    @Test
    void definitionSubstitutionsAreExactlyTheAslPlaceholders() {
        Set<String> placeholders = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(aslText);
        while (matcher.find()) {
            placeholders.add(matcher.group(1));
        }
        JsonNode stateMachine = onlyResourceOfType("AWS::StepFunctions::StateMachine");
        Set<String> substitutions = new TreeSet<>(fieldNames(stateMachine.path("Properties").path("DefinitionSubstitutions")));

        assertThat(placeholders).as("the ASL names placeholders").isNotEmpty();
        assertThat(substitutions).as("DefinitionSubstitutions keys vs the ASL's ${...}").isEqualTo(placeholders);
        assertThat(stateMachine.path("Properties").has("DefinitionS3Location"))
                .as("the deployed definition is the uploaded pipeline.asl.json, not a copy in the template").isTrue();
        assertThat(stateMachine.path("Properties").has("DefinitionString") || stateMachine.path("Properties").has("Definition")).isFalse();
    }

    // --- (3) functions = route ids ---------------------------------------------------------

    @Test
    void everyStageFunctionIsALambdaStageRouteAndEveryLambdaStageHasAFunction() throws IOException {
        Set<String> routeIds = routeIds();
        Map<String, JsonNode> stageFunctions = new LinkedHashMap<>();
        List<String> others = new ArrayList<>();
        functions().forEach((logicalId, function) -> {
            JsonNode properties = function.path("Properties");
            String suffix = functionSuffix(properties);
            if (STAGE_HANDLER.equals(properties.path("Handler").asText())) {
                stageFunctions.put(suffix, properties);
            } else {
                others.add(suffix + " (" + properties.path("Handler").asText() + ")");
            }
        });

        assertThat(routeIds).as("route ids in src/main/resources/routes").isNotEmpty();
        stageFunctions.forEach((suffix, properties) -> {
            assertThat(routeIds).as("function %s%s names a route id", FUNCTION_PREFIX, suffix).contains(suffix);
            assertThat(Stage.ofRouteId(suffix)).as("%s is a stage", suffix).isPresent();
            assertThat(Stage.ofRouteId(suffix).orElseThrow().isLambda()).as("%s runs as a Lambda function", suffix).isTrue();
            assertThat(properties.path("Environment").path("Variables").path("MUNIN_STAGE").asText())
                    .as("MUNIN_STAGE of %s", suffix).isEqualTo(suffix);
        });
        Set<String> lambdaStages = Arrays.stream(Stage.values()).filter(Stage::isLambda).map(Stage::routeId)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(new TreeSet<>(stageFunctions.keySet())).as("one function per Lambda stage").isEqualTo(lambdaStages);
        // The trigger is the one function that runs no stage: its handler turns the EventBridge S3
        // event into a call of the route start-execution (start-run is the consumer for `camel run`).
        assertThat(others).as("functions other than the stages").containsExactly("start-execution (" + TRIGGER_HANDLER + ")");
        assertThat(routeIds).as("the trigger function's route").contains("start-execution");
    }

    // --- (4) task timeouts ----------------------------------------------------------------

    @Test
    void everyLambdaTaskTimesOutAfterItsFunction() {
        JsonNode substitutions = onlyResourceOfType("AWS::StepFunctions::StateMachine").path("Properties").path("DefinitionSubstitutions");
        Map<String, JsonNode> tasks = new LinkedHashMap<>();
        lambdaTasks(asl.path("States"), tasks);
        Set<String> stagesInvoked = new TreeSet<>();
        tasks.forEach((name, task) -> {
            Matcher placeholder = PLACEHOLDER.matcher(task.path("Parameters").path("FunctionName").asText());
            assertThat(placeholder.matches()).as("%s's FunctionName is a placeholder", name).isTrue();
            JsonNode alias = resource(substitutions.path(placeholder.group(1)).path("Ref").asText());
            assertThat(alias.path("Type").asText()).as("%s invokes an alias", name).isEqualTo("AWS::Lambda::Alias");
            JsonNode function = resource(alias.path("Properties").path("FunctionName").path("Ref").asText());
            int functionTimeout = function.path("Properties").path("Timeout").asInt();
            int taskTimeout = task.path("TimeoutSeconds").asInt();

            assertThat(functionTimeout).as("%s's function has a Timeout", name).isPositive();
            assertThat(taskTimeout).as("%s: task TimeoutSeconds > function Timeout", name).isGreaterThan(functionTimeout);
            assertThat(taskTimeout).as("%s: task TimeoutSeconds = function Timeout + %d", name, TASK_TIMEOUT_MARGIN_SECONDS)
                    .isEqualTo(functionTimeout + TASK_TIMEOUT_MARGIN_SECONDS);
            String stage = Stage.ofTaskState(name).map(Stage::routeId).orElse("no stage's");
            assertThat(functionSuffix(function.path("Properties"))).as("%s invokes its own stage's function", name).isEqualTo(stage);
            stagesInvoked.add(stage);
        });
        assertThat(stagesInvoked).as("the stages the ASL's Lambda tasks invoke")
                .isEqualTo(Arrays.stream(Stage.values()).filter(Stage::isLambda).map(Stage::routeId).collect(Collectors.toCollection(TreeSet::new)));
    }

    /** The Lambda tasks of a States object, and of the Map (ItemProcessor, Iterator) and Parallel (Branches) states in it. */
    private static void lambdaTasks(JsonNode states, Map<String, JsonNode> found) {
        for (Map.Entry<String, JsonNode> state : entries(states)) {
            JsonNode body = state.getValue();
            if (LAMBDA_INVOKE.equals(body.path("Resource").asText())) {
                assertThat(found.put(state.getKey(), body)).as("state names are unique: %s", state.getKey()).isNull();
            }
            lambdaTasks(body.path("ItemProcessor").path("States"), found);
            lambdaTasks(body.path("Iterator").path("States"), found);
            for (JsonNode branch : body.path("Branches")) {
                lambdaTasks(branch.path("States"), found);
            }
        }
    }

    // --- (5) policies -----------------------------------------------------------------------

    @Test
    void noWildcardActionsAndStarResourcesOnlyWhereAwsRequiresThem() throws IOException {
        List<String> problems = new ArrayList<>();
        int starStatements = 0;
        for (Statement statement : statements()) {
            List<String> actions = strings(statement.body().path("Action"));
            if (statement.body().has("NotAction") || statement.body().has("NotResource")) {
                problems.add(statement + ": NotAction/NotResource grant more than they name");
            }
            for (String action : actions) {
                if (action.equals("*")) {
                    problems.add(statement + ": Action \"*\"");
                } else if (action.endsWith(":*") && statement.allows()) {
                    // A Deny of a whole service (TLS-only bucket policies) narrows access; an Allow must not.
                    problems.add(statement + ": allows every action of a service: " + action);
                }
            }
            if (statement.allows() && strings(statement.body().path("Resource")).contains("*")) {
                starStatements++;
                List<String> notExempt = actions.stream().filter(a -> !NO_RESOURCE_LEVEL_PERMISSIONS.contains(a)).toList();
                if (!notExempt.isEmpty()) {
                    problems.add(statement + ": Resource \"*\" for actions that support resource-level permissions: " + notExempt);
                }
            }
        }
        List<String> lines = Files.readAllLines(CfnTools.TEMPLATE, StandardCharsets.UTF_8);
        int starLines = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("\\s*Resource:\\s*[\"']\\*[\"']\\s*")) {
                starLines++;
                if (previousNonBlank(lines, i).map(line -> !line.trim().startsWith("#")).orElse(true)) {
                    problems.add("line " + (i + 1) + ": Resource \"*\" without a comment on the line above saying why");
                }
            }
        }

        assertThat(problems).isEmpty();
        assertThat(starLines).as("every Resource \"*\" of an Allow is written `Resource: \"*\"` (so its comment is checked)")
                .isEqualTo(starStatements);
    }

    @Test
    void managedPoliciesOnlyFromTheAllowList() {
        List<String> attached = new ArrayList<>();
        resources.fields().forEachRemaining(entry -> {
            for (JsonNode arn : entry.getValue().path("Properties").path("ManagedPolicyArns")) {
                String text = arn.isTextual() ? arn.asText() : arn.path("Fn::Sub").asText();
                attached.add(text);
                String name = text.replaceFirst("^arn:\\$\\{AWS::Partition}:iam::aws:policy/", "");
                assertThat(ALLOWED_MANAGED_POLICIES).as("%s attaches %s", entry.getKey(), text).contains(name);
            }
        });
        assertThat(attached).as("managed policies attached").hasSize(1);
    }

    // --- (6) each function's role: only its stage's prefixes ------------------------------------

    @Test
    void eachFunctionsRoleNamesOnlyThePrefixesItsStageUses() {
        Map<String, Set<String>> actual = new LinkedHashMap<>();
        functions().forEach((logicalId, function) -> {
            String suffix = functionSuffix(function.path("Properties"));
            JsonNode role = resource(function.path("Properties").path("Role").path("Fn::GetAtt").path(0).asText());
            Set<String> prefixes = new TreeSet<>();
            for (Statement statement : statementsOf(role, logicalId)) {
                for (JsonNode resource : iterable(statement.body().path("Resource"))) {
                    if (resource.path("Fn::GetAtt").path(0).asText().equals("DataBucket")) {
                        // the bucket itself: only a listing, and only under a prefix
                        assertThat(strings(statement.body().path("Action"))).as("%s: on the bucket ARN", statement).containsExactly("s3:ListBucket");
                        JsonNode allowed = statement.body().path("Condition").path("StringLike").path("s3:prefix");
                        assertThat(strings(allowed)).as("%s: s3:ListBucket limited by s3:prefix", statement).isNotEmpty();
                        strings(allowed).forEach(prefix -> prefixes.add(prefix.substring(0, prefix.indexOf('/') + 1)));
                    }
                    Matcher object = BUCKET_OBJECT.matcher(resource.path("Fn::Sub").asText());
                    if (object.find()) {
                        prefixes.add(object.group(1));
                        assertThat(strings(statement.body().path("Action"))).as("%s: object actions", statement)
                                .allMatch(a -> Set.of("s3:GetObject", "s3:PutObject").contains(a));
                    }
                    assertThat(resource.path("Fn::Sub").asText()).as("%s: the data bucket's objects by prefix only", statement)
                            .doesNotStartWith("${DataBucket.Arn}/*");
                }
            }
            actual.put(suffix, prefixes);
        });

        assertThat(actual).isEqualTo(PREFIXES.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new TreeSet<>(e.getValue()))));
    }

    @Test
    void eachFunctionHasItsOwnRoleAndWritesOnlyItsOwnLogGroup() {
        Set<String> roles = new TreeSet<>();
        functions().forEach((logicalId, function) -> {
            String roleId = function.path("Properties").path("Role").path("Fn::GetAtt").path(0).asText();
            assertThat(roles.add(roleId)).as("%s shares role %s", logicalId, roleId).isTrue();
            String logGroupId = function.path("Properties").path("LoggingConfig").path("LogGroup").path("Ref").asText();
            JsonNode logGroup = resource(logGroupId);
            assertThat(logGroup.path("Properties").path("LogGroupName").path("Fn::Sub").asText())
                    .isEqualTo("/aws/lambda/" + function.path("Properties").path("FunctionName").path("Fn::Sub").asText());
            assertThat(logGroup.path("Properties").path("RetentionInDays").path("Ref").asText()).isEqualTo("LogRetentionDays");
            for (Statement statement : statementsOf(resource(roleId), logicalId)) {
                if (strings(statement.body().path("Action")).stream().anyMatch(a -> a.startsWith("logs:"))) {
                    assertThat(statement.body().path("Resource").path("Fn::GetAtt").path(0).asText())
                            .as("%s: logs only to its own group", statement).isEqualTo(logGroupId);
                }
            }
        });
    }

    // --- reading the template ----------------------------------------------------------------

    /** Every statement of every policy document in the template: roles' inline and trust policies, bucket and topic policies. */
    private static List<Statement> statements() {
        List<Statement> all = new ArrayList<>();
        resources.fields().forEachRemaining(entry -> all.addAll(statementsOf(entry.getValue(), entry.getKey())));
        return all;
    }

    private static Map<String, JsonNode> functions() {
        Map<String, JsonNode> functions = new LinkedHashMap<>();
        resources.fields().forEachRemaining(entry -> {
            if (entry.getValue().path("Type").asText().equals("AWS::Lambda::Function")) {
                functions.put(entry.getKey(), entry.getValue());
            }
        });
        assertThat(functions).as("Lambda functions in the template").isNotEmpty();
        return functions;
    }

    /** guard-budget from FunctionName !Sub ${FunctionPrefix}guard-budget. */
    private static String functionSuffix(JsonNode properties) {
        String name = properties.path("FunctionName").path("Fn::Sub").asText();
        assertThat(name).as("FunctionName is ${FunctionPrefix}<route id>").startsWith(FUNCTION_PREFIX);
        return name.substring(FUNCTION_PREFIX.length());
    }

    private static JsonNode onlyResourceOfType(String type) {
        List<JsonNode> found = new ArrayList<>();
        resources.forEach(resource -> {
            if (resource.path("Type").asText().equals(type)) {
                found.add(resource);
            }
        });
        assertThat(found).as("resources of type %s", type).hasSize(1);
        return found.get(0);
    }

    private static JsonNode resource(String logicalId) {
        assertThat(resources.has(logicalId)).as("resource %s exists", logicalId).isTrue();
        return resources.path(logicalId);
    }

    private static Set<String> routeIds() throws IOException {
        Set<String> ids = new TreeSet<>();
        try (Stream<Path> files = Files.list(ROUTES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Matcher matcher = ROUTE_ID.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (matcher.find()) {
                    ids.add(matcher.group(1));
                }
            }
        }
        return ids;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<Map.Entry<String, JsonNode>> entries(JsonNode object) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        fields.forEachRemaining(entries::add);
        return entries;
    }

    private static java.util.Optional<String> previousNonBlank(List<String> lines, int index) {
        for (int i = index - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return java.util.Optional.of(lines.get(i));
            }
        }
        return java.util.Optional.empty();
    }
}
