package dk.munin.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A folder of npm tools under tools/ that {@code make test} installs ({@code npm ci}) where npm
 * exists, and what is missing when a test that needs them has to be skipped: Node.js itself, or
 * the install.
 *
 * @param folder   e.g. tools/asl
 * @param modules  the packages the tests run, each a folder under node_modules
 * @param skipped  what the tests check, for the message, e.g. "the CloudFormation template checks"
 * @param install  how to install the folder by hand, e.g. "make cfn-tools"
 */
public record NodeTools(Path folder, List<String> modules, String skipped, String install) {

    public Optional<String> whyNotInstalled() {
        String consequence = ", so " + skipped + " are skipped: ";
        if (!onPath("node")) {
            return Optional.of("Node.js is not installed (no node on PATH)" + consequence
                    + "install Node.js 20 or newer with npm and `make test` installs the rest");
        }
        if (!modules.stream().allMatch(module -> Files.isDirectory(folder.resolve("node_modules").resolve(module)))) {
            return Optional.of(folder + "/node_modules is absent" + consequence
                    + "`make test` installs it with npm ci (" + install + ")");
        }
        return Optional.empty();
    }

    /**
     * Whether tests that need the tools run: skipped with the reason where they are missing, except
     * in CI (CI=true), whose .ci/run installs them, so there a missing tool is an error, not a skip.
     */
    public ConditionEvaluationResult condition(String whenInstalled) {
        Optional<String> missing = whyNotInstalled();
        if (missing.isPresent() && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true, yet " + missing.get());
        }
        return missing.map(ConditionEvaluationResult::disabled).orElseGet(() -> ConditionEvaluationResult.enabled(whenInstalled));
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
