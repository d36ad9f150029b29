package dk.munin.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the named loggers write during each test, kept from the console (and target/test.log):
 * for tests that provoke warnings on purpose, a crashing detector or an HTTP 500, which would
 * otherwise read like failures. The test asserts on them; when the test fails, they are printed
 * after all, so nothing that explains a failure is lost.
 *
 * <pre>
 * &#64;RegisterExtension
 * final LogCapture log = LogCapture.of(LocalProcessDetector.class);
 * </pre>
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {

    private final List<String> loggerNames;
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

    private LogCapture(List<String> loggerNames) {
        this.loggerNames = loggerNames;
    }

    public static LogCapture of(Class<?>... classes) {
        return new LogCapture(Arrays.stream(classes).map(Class::getName).toList());
    }

    /** Loggers by name, e.g. a route's id, which Camel's log step logs under. */
    public static LogCapture named(String... loggerNames) {
        return new LogCapture(List.of(loggerNames));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        captured.list.clear();
        for (String name : loggerNames) {
            Logger logger = logger(name);
            captured.setContext(logger.getLoggerContext());
            logger.addAppender(captured);
            logger.setAdditive(false);
        }
        captured.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (String name : loggerNames) {
            Logger logger = logger(name);
            logger.detachAppender(captured);
            logger.setAdditive(true);
        }
        captured.stop();
        if (context.getExecutionException().isPresent() && !captured.list.isEmpty()) {
            System.out.println("Log of " + context.getDisplayName() + " (captured by LogCapture):");
            lines().forEach(line -> System.out.println("  " + line));
        }
    }

    /** Every captured event as "LEVEL message", with the exception's stack trace if it has one. */
    public List<String> lines() {
        return events(Level.ALL);
    }

    /** The captured warnings and errors, as "LEVEL message". */
    public List<String> warnings() {
        return events(Level.WARN);
    }

    private List<String> events(Level atLeast) {
        List<String> lines = new ArrayList<>();
        synchronized (captured) {
            for (ILoggingEvent event : captured.list) {
                if (event.getLevel().isGreaterOrEqual(atLeast)) {
                    String trace = event.getThrowableProxy() == null ? "" : " " + ThrowableProxyUtil.asString(event.getThrowableProxy());
                    lines.add(event.getLevel() + " " + event.getFormattedMessage() + trace);
                }
            }
        }
        return lines;
    }

    private static Logger logger(String name) {
        return (Logger) LoggerFactory.getLogger(name);
    }
}
