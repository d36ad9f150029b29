package dk.munin.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The trigger's Lambda entry point (function {@code <prefix>start-execution}): an EventBridge S3
 * "Object Created" event for a manifest goes to the route of the same name, which starts the
 * state machine or writes the manifest's .error.json; the reply is the route's JSON
 * ({@code {"status": "STARTED" | "ALREADY_STARTED" | "REFUSED" | "IGNORED", ...}}).
 *
 * <p>A refused manifest is an answer, not an error: an error would make Lambda retry the
 * asynchronous event for nothing. Errors that may pass are rethrown, so that Lambda retries.
 */
public class ManifestEventHandler implements RequestStreamHandler {

    /** The route id, and the suffix of the function's name in the stack. */
    static final String ROUTE = "start-execution";
    /** Made in the init phase, which SnapStart snapshots; each invocation reuses it. */
    private final CamelHost camel = CamelHost.shared();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        output.write(camel.request(ROUTE, event).getBytes(StandardCharsets.UTF_8));
    }
}
