package dk.munin.cli;

/** The command line or a file it names cannot be used: exit code 2 and one line saying why, never a stack trace. */
final class BadInput extends RuntimeException {

    BadInput(String message) {
        super(message);
    }
}
