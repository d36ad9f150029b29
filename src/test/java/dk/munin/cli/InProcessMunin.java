package dk.munin.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Properties;

/** {@code munin ...} in this JVM, for benchmarks outside this package that want its heap as well as its answer. */
public final class InProcessMunin {

    private InProcessMunin() {
    }

    /**
     * @param settings overrides of application.properties
     * @return the exit status
     */
    public static int execute(PrintStream console, Properties settings, String... args) {
        return new MuninCli(console, Clock.systemUTC(), settings).execute(args);
    }
}
