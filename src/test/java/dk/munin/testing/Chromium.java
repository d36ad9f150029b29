package dk.munin.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;

/**
 * Headless Chromium through chromedriver, both Debian's (packages chromium and chromium-driver,
 * which .ci/run installs). Tests that need a browser are skipped with the reason where they are
 * missing, except in CI (CI=true), whose .ci/run installs them: there a missing browser is an
 * error, as NodeTools does for the npm tools. The binaries are given to Selenium by path, so its
 * Selenium Manager never tries to download a browser or a driver.
 */
public final class Chromium implements ExecutionCondition {

    /** Debian names the browser chromium; other systems chromium-browser. */
    private static final List<String> BROWSERS = List.of("chromium", "chromium-browser");
    private static final String DRIVER = "chromedriver";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> missing = whyMissing();
        if (missing.isPresent() && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true, yet " + missing.get());
        }
        return missing.map(ConditionEvaluationResult::disabled)
                .orElseGet(() -> ConditionEvaluationResult.enabled("chromium and chromedriver are installed"));
    }

    static Optional<String> whyMissing() {
        String consequence = ", so the report.html browser tests are skipped: install Debian's chromium and chromium-driver"
                + " (apt-get install chromium chromium-driver; .ci/run does)";
        if (browser().isEmpty()) {
            return Optional.of("Chromium is not installed (no " + String.join(" or ", BROWSERS) + " on PATH)" + consequence);
        }
        if (onPath(DRIVER).isEmpty()) {
            return Optional.of("chromedriver is not installed (none on PATH)" + consequence);
        }
        return Optional.empty();
    }

    /**
     * A headless browser that keeps the page's console messages (read them with
     * {@code driver.manage().logs().get(LogType.BROWSER)}).
     */
    public static ChromeDriver start(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser().orElseThrow().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--window-size=" + width + "," + height);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(onPath(DRIVER).orElseThrow().toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static Optional<Path> browser() {
        return BROWSERS.stream().map(Chromium::onPath).flatMap(Optional::stream).findFirst();
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        return path == null ? Optional.empty() : Arrays.stream(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
