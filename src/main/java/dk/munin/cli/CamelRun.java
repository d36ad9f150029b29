package dk.munin.cli;

import java.lang.reflect.InvocationTargetException;

/**
 * `camel run` with Munin's beans on the classpath: hands the arguments to Camel JBang's
 * command line. Camel JBang is not part of the app jar; `make camel-run` adds it through the
 * Maven profile camel-jbang, so it is looked up by name here.
 */
public final class CamelRun {

    private static final String JBANG_MAIN = "org.apache.camel.dsl.jbang.core.commands.CamelJBangMain";

    private CamelRun() {
    }

    public static void main(String[] args) throws Exception {
        try {
            Class.forName(JBANG_MAIN).getMethod("run", String[].class).invoke(null, (Object) args);
        } catch (ClassNotFoundException e) {
            System.err.println("Camel JBang is not on the classpath: start it with `make camel-run` (Maven profile camel-jbang).");
            System.exit(2);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
