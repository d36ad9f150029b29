package dk.munin.cli;

import dk.munin.MuninBeans;
import dk.munin.MuninSettings;
import dk.munin.state.Stage;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.component.aws.common.AwsClientBuilderUtil;
import org.apache.camel.component.aws2.lambda.Lambda2Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code munin invoke STAGE}: calls a deployed stage function ({@code <munin.workflow.function-prefix><route id>})
 * once through camel-aws2-lambda, as a smoke test after a deploy. Prints the function's reply;
 * for a function error, its errorType and errorMessage, with exit code 1.
 */
@Command(name = "invoke", mixinStandardHelpOptions = true,
        description = "Invokes a deployed stage function (munin.workflow.function-prefix + STAGE) and prints its reply.")
final class InvokeCommand implements Callable<Integer> {

    /** The client camel-aws2-lambda builds from its settings, plus {@link FunctionErrors}. */
    private static final String CLIENT = "stageFunctionClient";
    private static final String COMPONENT = "camel.component.aws2-lambda.";

    @ParentCommand
    private MuninCli munin;

    @Parameters(paramLabel = "STAGE", description = "a Lambda stage's route id: ${COMPLETION-CANDIDATES}", completionCandidates = LambdaStages.class)
    private String stage;

    @Option(names = "--payload", paramLabel = "FILE", description = "the event to send, a JSON file (default: {})")
    private Path payloadFile;

    @Override
    public Integer call() {
        if (Stage.ofRouteId(stage).filter(Stage::isLambda).isEmpty()) {
            throw new BadInput("'" + stage + "' is no Lambda stage; one of " + String.join(", ", new LambdaStages()));
        }
        String payload = payload();
        try (CliCamel camel = CliCamel.start(withLambdaClientSettings(munin.overrides))) {
            return invoke(camel.context(), payload);
        } catch (CliCamel.CouldNotStart e) {
            throw new BadInput("cannot start: " + e.getMessage());
        }
    }

    /** munin.invoke.* as the component's own options (Camel resolves the placeholders), unless the command line set those itself. */
    private static Properties withLambdaClientSettings(Properties overrides) {
        Properties withClient = new Properties();
        withClient.setProperty(COMPONENT + "region", "{{munin.invoke.region}}");
        withClient.setProperty(COMPONENT + "override-endpoint", "{{munin.invoke.override-endpoint}}");
        withClient.setProperty(COMPONENT + "uri-endpoint-override", "{{munin.invoke.uri-endpoint-override}}");
        withClient.setProperty(COMPONENT + "use-default-credentials-provider", "true");
        withClient.putAll(overrides);
        return withClient;
    }

    private int invoke(CamelContext camel, String payload) {
        String function = camel.getRegistry().lookupByNameAndType(MuninBeans.SETTINGS, MuninSettings.class).workflow().functionPrefix() + stage;
        Lambda2Component lambda = camel.getComponent("aws2-lambda", Lambda2Component.class);
        try (LambdaClient client = AwsClientBuilderUtil.buildClient(lambda.getConfiguration(), LambdaClient::builder,
                builder -> builder.overrideConfiguration(config -> config.addExecutionInterceptor(new FunctionErrors())))) {
            camel.getRegistry().bind(CLIENT, client);
            String reply = camel.createProducerTemplate().requestBody(
                    "aws2-lambda:" + function + "?operation=invokeFunction&awsLambdaClient=#" + CLIENT, payload, String.class);
            munin.out.println(reply);
            return MuninCli.OK;
        } catch (CamelExecutionException e) {
            FunctionError error = functionError(e);
            if (error == null) {
                throw e;
            }
            munin.err.println("✗ " + function + " failed: " + error.errorType() + ": " + error.errorMessage());
            return MuninCli.RUN_FAILED;
        }
    }

    /** The SDK may hand an interceptor's exception on as the cause of its own. */
    private static FunctionError functionError(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FunctionError error) {
                return error;
            }
        }
        return null;
    }

    private String payload() {
        if (payloadFile == null) {
            return "{}";
        }
        try {
            return Files.readString(payloadFile);
        } catch (NoSuchFileException e) {
            throw new BadInput("cannot read the payload " + payloadFile + ": there is no such file");
        } catch (IOException e) {
            throw new BadInput("cannot read the payload " + payloadFile + ": " + e.getMessage());
        }
    }

    /** The route ids of the stages that run as Lambda functions, for --help and refusals. */
    static final class LambdaStages implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Arrays.stream(Stage.values()).filter(Stage::isLambda).map(Stage::routeId).iterator();
        }
    }
}
