package dk.munin.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Properties;

/**
 * The {@code munin} command: {@code munin run} (the whole workflow), {@code munin stage0} (Stage-0
 * alone), {@code munin validate} (a manifest, without running) and {@code munin invoke} (a deployed
 * stage function, for a smoke test). Progress and results go to
 * standard output; usage, refusals and errors to standard error.
 */
@Command(name = "munin", mixinStandardHelpOptions = true, versionProvider = MuninVersion.class,
        subcommands = {RunCommand.class, Stage0Command.class, ValidateCommand.class, FollowCommand.class, InvokeCommand.class,
                CommandLine.HelpCommand.class},
        description = "Camera-trap photos to analysis-ready wildlife data, within a budget (README.md).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the run failed (the message says in which state and why), or the invoked function failed",
                "2:bad usage or bad input (a wrong option, an unreadable or invalid manifest, no usable model)",
                "3:BudgetExhausted: detection stopped at the budget or max_runtime_min; the outputs are valid and cover the photos "
                        + "detected (run_report.json lists the others)",
                "4:the session is busy: another run of it holds its lease, or its journal cannot be resumed (the message says why)",
                "130:cancelled with Ctrl-C"})
public final class MuninCli implements Runnable {

    static final int OK = 0;
    static final int RUN_FAILED = 1;
    static final int BAD_INPUT = 2;
    /** The run ended BudgetExhausted: its outputs are written and valid, but cover only the photos detected before the stop. */
    static final int BUDGET_EXHAUSTED = 3;
    /** Another run holds the session, or what an interrupted run left cannot be continued: nothing ran. */
    static final int SESSION_BUSY = 4;
    /** The exit code of a run stopped by Ctrl-C, as shells report a process ended by SIGINT. */
    static final int CANCELLED = 130;

    final PrintStream out;
    final PrintStream err;
    final Clock clock;
    /** Settings that win over application.properties, the environment and -D (as --model does). */
    final Properties overrides;

    @Spec
    CommandSpec spec;

    MuninCli(PrintStream out, PrintStream err, Clock clock, Properties overrides) {
        this.out = out;
        this.err = err;
        this.clock = clock;
        this.overrides = overrides;
    }

    /** For tests that read one console: errors go where the progress goes. */
    MuninCli(PrintStream console, Clock clock, Properties overrides) {
        this(console, console, clock, overrides);
    }

    public static void main(String[] args) {
        System.exit(new MuninCli(System.out, System.err, Clock.systemUTC(), new Properties()).execute(args));
    }

    int execute(String[] args) {
        CommandLine commandLine = new CommandLine(this)
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setExecutionExceptionHandler((failure, command, parsed) -> {
                    if (failure instanceof BadInput) {
                        command.getErr().println(command.getCommandName() + ": " + failure.getMessage());
                        return BAD_INPUT;
                    }
                    command.getErr().println("✗ " + command.getCommandName() + " failed unexpectedly: " + failure);
                    return RUN_FAILED;
                });
        return commandLine.execute(args);
    }

    /** {@code munin} alone: which commands there are. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: run, stage0, validate, follow or invoke");
    }
}
