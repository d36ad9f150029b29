package dk.munin.lambda;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

/**
 * The one Camel of a Lambda container, with the app's routes and application.properties (the
 * jar's copy; the function's environment overrides it). Started when this class is first used:
 * in the function's init phase when a handler's static initialiser touches it, so SnapStart's
 * snapshot holds a started Camel and an invocation pays nothing for it.
 */
final class LambdaCamel {

    static final ProducerTemplate TEMPLATE = start();

    private LambdaCamel() {
    }

    private static ProducerTemplate start() {
        Main main = new Main();
        try {
            main.start();
        } catch (Exception e) {
            throw new IllegalStateException("Camel did not start: " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(main::stop, "camel-shutdown"));
        return main.getCamelContext().createProducerTemplate();
    }
}
