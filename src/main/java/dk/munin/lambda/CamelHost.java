package dk.munin.lambda;

import dk.munin.workflow.camel.RouteReplies;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

import java.util.Properties;

/**
 * The started Camel of a Lambda container: the real routes, beans and application.properties
 * (overridden by the function's environment, as camel-main does everywhere), started once in
 * the init phase so that SnapStart's snapshot holds it started.
 */
final class CamelHost {

    private static CamelHost shared;

    private final Main main;
    private final ProducerTemplate template;

    private CamelHost(Main main) {
        this.main = main;
        this.template = main.getCamelContext().createProducerTemplate();
    }

    /** The container's Camel, started by the first handler made (the Lambda runtime makes it during init). */
    static synchronized CamelHost shared() {
        if (shared == null) {
            shared = start(new Properties());
            Runtime.getRuntime().addShutdownHook(new Thread(shared.main::stop, "camel-shutdown"));
            SnapStartHooks.register(shared);
        }
        return shared;
    }

    /** A Camel of its own, with settings that win over application.properties and the environment (tests). */
    static CamelHost start(Properties overrides) {
        Main main = new Main();
        overrides.forEach((key, value) -> main.addOverrideProperty((String) key, (String) value));
        try {
            main.start();
        } catch (Exception e) {
            throw new IllegalStateException("Camel did not start: " + e.getMessage(), e);
        }
        return new CamelHost(main);
    }

    ProducerTemplate template() {
        return template;
    }

    /**
     * Sends the invocation's body to {@code direct:<routeId>} and returns the reply. What the route
     * threw is rethrown as it is, not wrapped in Camel's CamelExecutionException, so the Java
     * runtime reports its class name as the {@code errorType} the workflow's Retry and Catch match.
     */
    String request(String routeId, String body) {
        try {
            return template.requestBody("direct:" + routeId, body, String.class);
        } catch (CamelExecutionException e) {
            throw RouteReplies.routeError(e);
        }
    }

    void stop() {
        main.stop();
    }
}
