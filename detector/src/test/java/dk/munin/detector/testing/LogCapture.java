package dk.munin.detector.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the detector logs during each test, kept from the console: for tests that provoke
 * warnings on purpose (a missing photo, a checkpoint of another run), which would otherwise read
 * like failures. slf4j-simple writes to whatever {@code System.err} is at the time, so the
 * capture takes that over. The test asserts on the lines; when it fails, they are printed after
 * all, so nothing that explains a failure is lost.
 *
 * <pre>
 * &#64;RegisterExtension
 * final LogCapture log = new LogCapture();          // each test on its own
 * &#64;RegisterExtension
 * static final LogCapture LOG = new LogCapture();   // the whole class, &#64;BeforeAll included
 * </pre>
 */
public final class LogCapture implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream console;
    private boolean wholeClass;

    @Override
    public void beforeAll(ExtensionContext context) {
        wholeClass = true;
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!wholeClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (context.getExecutionException().isPresent() && captured.size() > 0) {
            console.println("Log of " + context.getDisplayName() + " (captured by LogCapture):");
            lines().forEach(line -> console.println("  " + line));
        }
        if (!wholeClass) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** The captured lines as slf4j-simple wrote them: time, level, logger, message. */
    public List<String> lines() {
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** The captured warnings, without time and level: "Logger - message". */
    public List<String> warnings() {
        return lines().stream().filter(line -> line.contains(" WARN "))
                .map(line -> line.substring(line.indexOf(" WARN ") + " WARN ".length())).toList();
    }

    private void start() {
        captured.reset();
        console = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    private void stop() {
        System.err.flush();
        System.setErr(console);
    }
}
