package dk.munin.lambda;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Invokes the trigger's Lambda entry point once in its own JVM, as the Lambda Java runtime does:
 * the class's static initialiser starts Camel (the function's init phase), then the event is
 * read from standard input and the reply written to the file named by the argument.
 */
public final class LocalTriggerInvoke {

    private LocalTriggerInvoke() {
    }

    public static void main(String[] args) throws IOException {
        try (OutputStream reply = Files.newOutputStream(Path.of(args[0]))) {
            new ManifestEventHandler().handleRequest(System.in, reply, null);
        }
        System.exit(0);
    }
}
