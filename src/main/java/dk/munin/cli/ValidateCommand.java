package dk.munin.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.manifest.InvalidManifest;
import dk.munin.manifest.Manifest;
import dk.munin.manifest.ManifestDefaults;
import dk.munin.manifest.ManifestRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code munin validate}: checks a manifest by the rules GuardBudget applies, without reading a
 * photo or spending anything, and prints what the run would use (defaults filled in).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks a manifest (docs/manifest.md) without running; prints the values a run would use.")
final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    private MuninCli munin;

    @Parameters(paramLabel = "MANIFEST", description = "the manifest JSON file")
    private Path manifestFile;

    @Override
    public Integer call() {
        ObjectNode json = ManifestInput.read(manifestFile);
        Manifest manifest;
        try {
            manifest = new ManifestRules(ManifestDefaults.from(CliSettings.of(munin.overrides))).validate(json);
        } catch (InvalidManifest refused) {
            throw new BadInput(manifestFile + ": " + refused.getMessage());
        }
        munin.out.printf(Locale.ROOT, "✓ %s is a valid manifest: session %s%n", manifestFile, manifest.sessionId());
        munin.out.printf(Locale.ROOT, "  photos      %s (at most %d)%n", manifest.inputUri(), manifest.maxImages());
        munin.out.printf(Locale.ROOT, "  results     %s%n", manifest.outputUri());
        munin.out.printf(Locale.ROOT, "  budget      %s DKK, %s, jobs of at most %d s%n", manifest.budgetDkk(),
                manifest.useSpot() ? "spot" : "on demand", manifest.maxJobDuration());
        munin.out.printf(Locale.ROOT, "  time zone   %s; %d deployments%n",
                manifest.timeZone() == null ? "none (photo times stay camera-local)" : manifest.timeZone(),
                manifest.deployments().deployments().size());
        return MuninCli.OK;
    }
}
