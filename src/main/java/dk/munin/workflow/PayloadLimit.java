package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.state.Json;

import java.nio.charset.StandardCharsets;

/**
 * Step Functions' limit on the size of a task result and of a state's output (UTF-8 bytes of
 * the JSON text). Enforcing it locally makes a stage that passes data instead of URIs fail here,
 * not first in production.
 */
record PayloadLimit(int maxBytes) {

    /** The Step Functions service quota: 256 KiB. */
    static final PayloadLimit STEP_FUNCTIONS = new PayloadLimit(256 * 1024);

    void check(JsonNode payload, String what) throws StateError {
        int size = Json.write(payload).getBytes(StandardCharsets.UTF_8).length;
        if (size > maxBytes) {
            throw new StateError(ErrorNames.DATA_LIMIT_EXCEEDED, what + " is " + size
                    + " bytes, over the " + maxBytes + "-byte payload limit; pass URIs, not data");
        }
    }
}
