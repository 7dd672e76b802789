package dev.rosterd.launcher.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver (packages {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs): no browser is ever downloaded, and
 * Selenium Manager is not asked for one. One browser serves a whole test class; each test opens
 * its windows in it. Screenshots go beside the test reports ({@code rosterd.screenshots}).
 */
final class Chromium implements AutoCloseable {
  /** Where Debian puts them; {@code -Drosterd.chromium=...} and {@code -Drosterd.chromedriver=...} override. */
  private static final Path BROWSER = Path.of(System.getProperty("rosterd.chromium", "/usr/bin/chromium"));
  private static final Path DRIVER = Path.of(System.getProperty("rosterd.chromedriver", "/usr/bin/chromedriver"));
  private static final Path SCREENSHOTS = Path.of(System.getProperty("rosterd.screenshots", "target/screenshots"));
  static final Duration WAIT = Duration.ofSeconds(20);

  final ChromeDriver driver;
  private final String testClass;

  private Chromium(ChromeDriver driver, String testClass) {
    this.driver = driver;
    this.testClass = testClass;
  }

  /**
   * Starts the browser; without the packages the test fails, saying what to install ({@code
   * .ci/run} installs them): a browser test that skips proves nothing.
   */
  static Chromium start(Class<?> testClass) {
    boolean installed = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    String missing = "needs Debian's chromium and chromium-driver (" + BROWSER + ", " + DRIVER
        + "): apt-get install chromium chromium-driver";
    if (!installed) {
      fail(missing);
    }
    ChromeOptions options = new ChromeOptions()
        .setBinary(BROWSER.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,860");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort()
        .build();
    return new Chromium(new ChromeDriver(service, options), testClass.getSimpleName());
  }

  /**
   * Waits until {@code condition} holds in the current window (it is polled on the page's DOM).
   * When it does not, the screenshot {@code timeout-<what>} and the page's console say why.
   */
  <T> T until(String what, Function<WebDriver, T> condition) {
    try {
      return new WebDriverWait(driver, WAIT).withMessage(what).until(condition);
    } catch (TimeoutException e) {
      String name = "timeout-" + what.replaceAll("[^A-Za-z0-9]+", "-");
      screenshot(name);
      write(name + ".html", driver.getPageSource());
      String console = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
          .map(LogEntry::toString).collect(Collectors.joining("\n"));
      throw new AssertionError("waited " + WAIT.toSeconds() + " s for " + what + "; the page's console:\n" + console, e);
    }
  }

  /** Waits for an element matching {@code css} to be displayed, and returns it. */
  WebElement visible(String css) {
    return until(css + " shown",
        d -> d.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
  }

  /** Writes the current window to {@code <screenshots>/<test class>/<step>.png}. */
  void screenshot(String step) {
    try {
      File shot = driver.getScreenshotAs(OutputType.FILE);
      Files.move(shot.toPath(), folder().resolve(step + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(String file, String text) {
    try {
      Files.writeString(folder().resolve(file), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path folder() throws IOException {
    return Files.createDirectories(SCREENSHOTS.resolve(testClass));
  }

  @Override
  public void close() {
    driver.quit();
  }
}
