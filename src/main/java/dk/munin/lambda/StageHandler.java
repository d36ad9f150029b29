package dk.munin.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dk.munin.state.Stage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The AWS Lambda entry point of every stage: the same jar is deployed once per stage, and the
 * function's MUNIN_STAGE environment variable names the stage by its route id (guard-budget, stage0-exif, ...; see {@link Stage}).
 *
 * <p>Camel starts when the handler is made: the Lambda runtime makes it in the function's init
 * phase, which SnapStart snapshots ({@link SnapStartHooks}), so invocations (and restored copies)
 * find Camel started.
 *
 * <p>A stage's error is rethrown as it is, so the Java runtime reports its class name as the
 * {@code errorType} that the workflow's Retry and Catch match.
 */
public class StageHandler implements RequestStreamHandler {

    private static final String STAGE_VARIABLE = "MUNIN_STAGE";

    private final String routeId;
    private final CamelHost camel;

    public StageHandler() {
        this(System.getenv(STAGE_VARIABLE), null);
    }

    /** @param camel a Camel of its own (tests), or null for the container's */
    StageHandler(String routeId, CamelHost camel) {
        if (routeId == null || routeId.isBlank() || Stage.ofRouteId(routeId.trim()).filter(Stage::isLambda).isEmpty()) {
            throw new IllegalStateException("Set " + STAGE_VARIABLE + " to a stage's route id, one of "
                    + Arrays.stream(Stage.values()).filter(Stage::isLambda).map(Stage::routeId).collect(Collectors.joining(", "))
                    + (routeId == null || routeId.isBlank() ? "" : "; got '" + routeId + "'"));
        }
        this.routeId = routeId.trim();
        this.camel = camel == null ? CamelHost.shared() : camel;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String state = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        output.write(camel.request(routeId, state).getBytes(StandardCharsets.UTF_8));
    }
}
