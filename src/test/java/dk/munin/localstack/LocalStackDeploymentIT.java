package dk.munin.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.state.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real stack in LocalStack: cloudformation/pipeline.yaml deployed with the Lambda artefact and
 * the workflow definition as `make deploy-local` deploys them, then manifests dropped under
 * manifests/ as a researcher drops them. An over-budget manifest runs through the trigger, the
 * state machine and the GuardBudget function to FailBudget; dropped twice it still starts one
 * execution; an invalid one gets its .error.json and starts none.
 *
 * <p>Needs a Docker engine, and LocalStack Pro (LOCALSTACK_AUTH_TOKEN) for the stack's AWS Batch
 * and ECR resources; skips saying which is missing. The same image as localstack/compose.yaml.
 */
@ExtendWith(LocalStackDeploymentIT.DockerAndLocalStackPro.class)
class LocalStackDeploymentIT {

    private static final String IMAGE = "localstack/localstack-pro:4.5";
    private static final String TOKEN_VARIABLE = "LOCALSTACK_AUTH_TOKEN";
    private static final Path LAMBDA_ARTEFACT = Path.of("target/munin-lambda.jar");
    private static final String STACK = "munin-it";
    private static final String DATA_BUCKET = "munin-it-data";
    private static final String ARTEFACTS = "munin-it-artefacts";
    private static final Duration RUN_WAIT = Duration.ofMinutes(5);

    private static LocalStackContainer localstack;
    private static String stateMachineArn;

    /** Skips the class, saying what is missing, before any container is pulled. */
    static final class DockerAndLocalStackPro implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                return ConditionEvaluationResult.disabled("no Docker engine here: the LocalStack deployment tests need one (make up-localstack)");
            }
            String token = System.getenv(TOKEN_VARIABLE);
            if (token == null || token.isBlank()) {
                return ConditionEvaluationResult.disabled("the stack's AWS Batch and ECR are LocalStack Pro services: set " + TOKEN_VARIABLE);
            }
            return ConditionEvaluationResult.enabled("Docker and a LocalStack Pro token");
        }
    }

    @BeforeAll
    static void deployTheStack() throws Exception {
        assertThat(LAMBDA_ARTEFACT).as("the Lambda artefact, built by the package phase").exists();
        localstack = new LocalStackContainer(DockerImageName.parse(IMAGE))
                .withEnv(TOKEN_VARIABLE, System.getenv(TOKEN_VARIABLE))
                .withEnv("LAMBDA_RUNTIME_ENVIRONMENT_TIMEOUT", "60")
                // functions run as sibling containers
                .withFileSystemBind("/var/run/docker.sock", "/var/run/docker.sock")
                .withCopyFileToContainer(MountableFile.forHostPath(LAMBDA_ARTEFACT), "/opt/munin/munin-lambda.jar")
                .withCopyFileToContainer(MountableFile.forHostPath("cloudformation/pipeline.yaml"), "/opt/munin/pipeline.yaml")
                .withCopyFileToContainer(MountableFile.forHostPath("cloudformation/statemachine/pipeline.asl.json"),
                        "/opt/munin/pipeline.asl.json");
        localstack.start();
        aws("s3", "mb", "s3://" + ARTEFACTS);
        aws("s3", "cp", "/opt/munin/munin-lambda.jar", "s3://" + ARTEFACTS + "/munin/munin-lambda.jar");
        aws("s3", "cp", "/opt/munin/pipeline.asl.json", "s3://" + ARTEFACTS + "/munin/pipeline.asl.json");
        // through the bucket, as deploy-aws does: the CLI refuses a template over 51,200 bytes given inline
        aws("cloudformation", "deploy", "--stack-name", STACK, "--template-file", "/opt/munin/pipeline.yaml",
                "--s3-bucket", ARTEFACTS, "--s3-prefix", "munin/templates",
                "--capabilities", "CAPABILITY_NAMED_IAM", "--parameter-overrides",
                "ArtefactBucket=" + ARTEFACTS, "ArtefactKey=munin/munin-lambda.jar", "DefinitionKey=munin/pipeline.asl.json",
                "DetectorImageUri=public.ecr.aws/docker/library/busybox:latest", "DataBucketName=" + DATA_BUCKET,
                "NetworkMode=nat", "EnableCloudTrail=false");
        stateMachineArn = aws("cloudformation", "describe-stacks", "--stack-name", STACK, "--output", "text", "--query",
                "Stacks[0].Outputs[?OutputKey=='StateMachineArn'].OutputValue").trim();
        // three photos' worth of names: GuardBudget prices what it lists
        for (String photo : List.of("IMG_0001.JPG", "IMG_0002.JPG", "IMG_0003.JPG")) {
            put("frames/it/StationA/" + photo, "not really a photo");
        }
    }

    @AfterAll
    static void stop() {
        if (localstack != null) {
            localstack.stop();
        }
    }

    @Test
    void anOverBudgetManifestDroppedTwiceRunsOnceToFailBudget() throws Exception {
        String manifest = """
                {"input_uri": "s3://%s/frames/it/", "output_uri": "s3://%s/results/it/", "budget_dkk": 0.0001}
                """.formatted(DATA_BUCKET, DATA_BUCKET);
        put("manifests/over-budget.json", manifest);
        JsonNode execution = waitForExecutionToEnd("over-budget-");
        put("manifests/over-budget.json", manifest);
        Thread.sleep(Duration.ofSeconds(20).toMillis());

        assertThat(execution.get("status").asText()).isEqualTo("FAILED");
        JsonNode described = Json.parse(aws("stepfunctions", "describe-execution", "--execution-arn", execution.get("executionArn").asText()));
        assertThat(described.get("error").asText()).isEqualTo("BudgetExceeded");
        assertThat(executionsNamed("over-budget-")).hasSize(1);
    }

    @Test
    void anInvalidManifestGetsItsErrorFileAndStartsNothing() throws Exception {
        put("manifests/no-budget.json", "{\"input_uri\": \"s3://" + DATA_BUCKET + "/frames/it/\"}");

        String refusal = waitForObject("manifests/no-budget.json.error.json");

        assertThat(Json.parse(refusal).get("field").asText()).isEqualTo("budget_dkk");
        assertThat(executionsNamed("no-budget-")).isEmpty();
    }

    private static JsonNode waitForExecutionToEnd(String namePrefix) throws Exception {
        Instant deadline = Instant.now().plus(RUN_WAIT);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode execution : executionsNamed(namePrefix)) {
                if (!execution.get("status").asText().equals("RUNNING")) {
                    return execution;
                }
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("No execution named " + namePrefix + "* ended within " + RUN_WAIT + "; logs:\n" + localstack.getLogs());
    }

    private static List<JsonNode> executionsNamed(String namePrefix) throws Exception {
        List<JsonNode> named = new ArrayList<>();
        Json.parse(aws("stepfunctions", "list-executions", "--state-machine-arn", stateMachineArn)).path("executions").forEach(execution -> {
            if (execution.get("name").asText().startsWith(namePrefix)) {
                named.add(execution);
            }
        });
        return named;
    }

    private static String waitForObject(String key) throws Exception {
        Instant deadline = Instant.now().plus(RUN_WAIT);
        while (Instant.now().isBefore(deadline)) {
            Container.ExecResult read = localstack.execInContainer("awslocal", "s3", "cp", "s3://" + DATA_BUCKET + "/" + key, "-");
            if (read.getExitCode() == 0) {
                return read.getStdout();
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("s3://" + DATA_BUCKET + "/" + key + " did not appear within " + RUN_WAIT);
    }

    private static void put(String key, String content) throws Exception {
        Path file = Files.createTempFile("munin-it", ".txt");
        Files.writeString(file, content);
        String inContainer = "/tmp/" + file.getFileName();
        localstack.copyFileToContainer(MountableFile.forHostPath(file), inContainer);
        aws("s3", "cp", inContainer, "s3://" + DATA_BUCKET + "/" + key);
    }

    /** The AWS CLI inside the LocalStack container (awslocal), failing the test with its output when it fails. */
    private static String aws(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("awslocal"));
        command.addAll(List.of(args));
        Container.ExecResult result = localstack.execInContainer(command.toArray(String[]::new));
        assertThat(result.getExitCode()).as("%s\n%s%s", command, result.getStdout(), result.getStderr()).isZero();
        return result.getStdout();
    }
}
