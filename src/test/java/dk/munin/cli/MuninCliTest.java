package dk.munin.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line itself: help, exit codes, and one clear line for bad input, on the right stream. */
class MuninCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final MuninCli cli = new MuninCli(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC(), new Properties());

    @Test
    void helpListsTheSubcommandsAndTheExitCodes() {
        assertThat(cli.execute(new String[] {"--help"})).isZero();

        assertThat(out()).contains("run", "stage0", "validate", "Exit codes:", "bad usage or bad input");
        assertThat(err()).isEmpty();
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"run", "stage0", "validate"}) {
            assertThat(cli.execute(new String[] {command, "--help"})).as(command).isZero();
            assertThat(out()).contains("Usage: munin " + command);
        }
        assertThat(out()).contains("--manifest=FILE", "--budget-dkk=DKK", "--model=MODEL");
    }

    @Test
    void anUnknownCommandIsNamedAndNoCommandShowsTheUsage() {
        assertThat(cli.execute(new String[] {"rnu"})).isEqualTo(2);
        assertThat(err()).contains("Unmatched argument at index 0: 'rnu'").contains("Commands:");

        assertThat(cli.execute(new String[0])).isEqualTo(2);
        assertThat(err()).contains("Missing a command").contains("Usage: munin");
        assertThat(out()).isEmpty();
    }

    @Test
    void aManifestThatCannotBeReadIsOneLineAndExitCodeTwo() {
        int exit = cli.execute(new String[] {"run", "--manifest", "/no/such.json"});

        assertThat(exit).isEqualTo(2);
        assertThat(err()).isEqualTo("run: cannot read the manifest /no/such.json: there is no such file" + System.lineSeparator());
    }

    @Test
    void aManifestWithAWrongTypeIsOneLineAndExitCodeTwo() throws Exception {
        Path manifest = Files.writeString(dir.resolve("m.json"), "{\"input_uri\": \"in\", \"output_uri\": \"out\", \"budget_dkk\": \"ten\"}");

        int exit = cli.execute(new String[] {"run", "--manifest", manifest.toString()});

        assertThat(exit).isEqualTo(2);
        assertThat(err()).isEqualTo("run: Manifest field 'budget_dkk', --budget-dkk (make run BUDGET_DKK=): must be a number, got \"ten\""
                + System.lineSeparator());
    }

    @Test
    void aMissingOutputNamesWhatTheUserTypes() {
        int exit = cli.execute(new String[] {"run", "--input", dir.toString(), "--budget-dkk", "5"});

        assertThat(exit).isEqualTo(2);
        assertThat(err()).contains("Manifest field 'output_uri', --output (make run OUTPUT=): is required");
    }

    @Test
    void validateChecksAManifestWithoutRunningAndNamesABadField() throws Exception {
        Path good = Files.writeString(dir.resolve("good.json"),
                "{\"input_uri\": \"s3://traps/photos/\", \"output_uri\": \"s3://traps/results/\", \"budget_dkk\": 5, \"time_zone\": \"Europe/Oslo\"}");
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"input_uri\": \"in\", \"output_uri\": \"out\", \"budget_dkk\": 5, \"use_spot\": \"yes\"}");

        assertThat(cli.execute(new String[] {"validate", good.toString()})).isZero();
        assertThat(out()).contains("is a valid manifest: session run-").contains("s3://traps/photos/").contains("Europe/Oslo");

        assertThat(cli.execute(new String[] {"validate", bad.toString()})).isEqualTo(2);
        assertThat(err()).contains("Manifest field 'use_spot': must be true or false, got \"yes\"");
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
