package dk.munin.testing;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;

/**
 * A page opened from its folder (file:) in headless Chromium, and what a test checks of it: the
 * console's errors, the images that did not load, how long it took to load and lay out, and a
 * screenshot kept under target/ as the test's artefact.
 */
public final class PageInBrowser implements AutoCloseable {

    /** Screenshots and timings the browser tests keep, for a person to look at after `make test`. */
    public static final Path ARTEFACTS = Path.of("target", "report-html");
    /** Chromium's limit for one screenshot's height is about 16,384 pixels. */
    private static final int MAX_SCREENSHOT_HEIGHT = 16_000;
    private static final int WIDTH = 1280;

    private final ChromeDriver driver;
    private final long loadMillis;

    private PageInBrowser(ChromeDriver driver, long loadMillis) {
        this.driver = driver;
        this.loadMillis = loadMillis;
    }

    /** Opens the page and waits for its load event (every image fetched or failed). */
    public static PageInBrowser open(Path page) {
        ChromeDriver driver = Chromium.start(WIDTH, 1000);
        try {
            driver.get(page.toUri().toString());
            Number loaded = (Number) driver.executeScript(
                    "const n = performance.getEntriesByType('navigation')[0]; document.body.getBoundingClientRect(); return n.loadEventEnd;");
            return new PageInBrowser(driver, loaded.longValue());
        } catch (RuntimeException e) {
            driver.quit();
            throw e;
        }
    }

    /** From navigation start to the end of the load event: parsing, style, layout and every image. */
    public long loadMillis() {
        return loadMillis;
    }

    /** Milliseconds to lay the whole page out again and paint a frame: what a scroll or a resize costs. */
    public double relayoutMillis() {
        Object took = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const start = performance.now();
                document.body.style.width = '1000px'; document.body.getBoundingClientRect();
                document.body.style.width = ''; document.body.getBoundingClientRect();
                requestAnimationFrame(() => done(performance.now() - start));""");
        return ((Number) took).doubleValue();
    }

    /** Opens every closed {@code <details>} (the table of events) and returns the milliseconds to lay them out and paint a frame. */
    public double openEveryDetails() {
        Object took = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const start = performance.now();
                document.querySelectorAll('details').forEach(d => d.open = true); document.body.getBoundingClientRect();
                requestAnimationFrame(() => done(performance.now() - start));""");
        return ((Number) took).doubleValue();
    }

    /** The console's messages at level SEVERE (errors, refused loads). */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    /** The src of each image that did not load (not complete, or no pixels). */
    @SuppressWarnings("unchecked")
    public List<String> brokenImages() {
        return (List<String>) driver.executeScript(
                "return Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src);");
    }

    public long count(String cssSelector) {
        return driver.findElements(By.cssSelector(cssSelector)).size();
    }

    public String text(String cssSelector) {
        return driver.findElement(By.cssSelector(cssSelector)).getText();
    }

    /** The page as far down as one screenshot goes, kept as target/report-html/{@code name}.png. */
    public Path screenshot(String name) {
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight;");
        driver.manage().window().setSize(new Dimension(WIDTH, Math.min(MAX_SCREENSHOT_HEIGHT, height.intValue() + 100)));
        try {
            Files.createDirectories(ARTEFACTS);
            Path file = ARTEFACTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
