package dk.munin.lambda;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Invokes the Lambda entry point once in its own JVM, as the Lambda Java runtime does: the
 * environment names the stage (MUNIN_STAGE) and configures the app; the payload is read from
 * standard input and the function's answer written to the file named by the argument (standard
 * output carries the test's log).
 */
public final class LocalInvoke {

    private LocalInvoke() {
    }

    public static void main(String[] args) throws IOException {
        try (OutputStream answer = Files.newOutputStream(Path.of(args[0]))) {
            new StageHandler().handleRequest(System.in, answer, null);
        }
        System.exit(0);
    }
}
