package dev.webwxbot.server.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import dev.webwxbot.testsupport.Await;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven through its chromedriver, at 1280×800, for the console's browser tests: open a
 * page, wait for what it shows, save a screenshot per page to {@code server/target/console-screenshots/<name>.png}.
 * Never Selenium Manager (it would download a driver): the binaries are given by path.
 *
 * <p>When Chromium or chromedriver cannot be found the test is skipped with a loud line on stderr, unless the
 * project's test script installed them ({@code WEBWX_TEST_REQUIRE_CHROMIUM=1}): then it fails. Not thread-safe; the
 * test that starts it closes it.
 */
public final class ConsoleBrowser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    /**
     * Selenium looks for DevTools bindings matching Debian's Chromium and warns (through java.util.logging) when its
     * release has none; the tests use WebDriver only, never the DevTools protocol. Held here so the setting stays.
     */
    private static final java.util.logging.Logger DEVTOOLS = quiet("org.openqa.selenium.devtools");

    private final ChromeDriver driver;

    private ConsoleBrowser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts headless Chromium, or skips (fails, under the test script) the calling test when it is not installed. */
    public static ConsoleBrowser start() {
        Optional<Path> chromium = executable("chromium");
        Optional<Path> chromedriver = executable("chromedriver");
        if (chromium.isEmpty() || chromedriver.isEmpty()) {
            String why = "the console's browser tests need Debian's chromium and chromium-driver ("
                    + (chromium.isEmpty() ? "no chromium" : "no chromedriver") + " on the PATH or in /usr/bin);"
                    + " './webwx-bot test' installs them as root, or run: apt-get install -y chromium chromium-driver";
            if ("1".equals(System.getenv("WEBWX_TEST_REQUIRE_CHROMIUM"))) Assertions.fail(why);
            System.err.println("*** SKIPPED: " + why + " ***");
            Assumptions.abort(why);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        // --no-sandbox: the tests may run as root in a container, where Chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,800", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
                "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.get().toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // The screenshots are of the page itself: size the window so its viewport, not its frame, is 1280×800.
        driver.manage().window().setSize(new Dimension(1280, 800));
        long innerWidth = ((Number) driver.executeScript("return window.innerWidth")).longValue();
        long innerHeight = ((Number) driver.executeScript("return window.innerHeight")).longValue();
        driver.manage().window().setSize(new Dimension((int) (2560 - innerWidth), (int) (1600 - innerHeight)));
        return new ConsoleBrowser(driver);
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(Level.OFF);
        return logger;
    }

    private static Optional<Path> executable(String name) {
        Path debian = Path.of("/usr/bin", name);
        if (Files.isExecutable(debian)) return Optional.of(debian);
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /**
     * Waits (up to 20 s) until {@code condition} gives a non-null, non-false value, and returns it; on timeout the
     * failure carries a screenshot's name ({@code timeout-<n>}) to look at.
     */
    public <T> T await(String what, Function<WebDriver, T> condition) {
        try {
            return Await.value(() -> {
                T value = condition.apply(driver);
                return value == null || Boolean.FALSE.equals(value) ? Optional.empty() : Optional.of(value);
            }, what, WAIT);
        } catch (AssertionError e) {
            try {
                screenshot("timeout-" + System.nanoTime());
            } catch (IOException | RuntimeException ignored) {
                // The wait's own failure is what matters.
            }
            throw e;
        }
    }

    /** The element {@code css} selects once it is displayed. */
    public WebElement awaitVisible(String css) {
        return await("'" + css + "' displayed", d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
        });
    }

    /** The first element {@code css} selects whose text contains {@code text}, once there is one. */
    public WebElement awaitText(String css, String text) {
        return await("'" + css + "' showing \"" + text + "\"", d -> d.findElements(By.cssSelector(css)).stream()
                .filter(e -> e.getText().contains(text)).findFirst().orElse(null));
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Whether a JavaScript alert is open (an injected script ran). */
    public boolean alertOpen() {
        try {
            driver.switchTo().alert();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }

    /** What the page logged to its console (CSP violations included) since the last call. */
    public List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString).toList();
    }

    /** Saves what the window shows as {@code target/console-screenshots/<name>.png}, and returns the file. */
    public Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(shot);
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
