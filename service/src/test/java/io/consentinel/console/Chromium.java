package io.consentinel.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver at fixed paths: nothing is downloaded,
 * and a machine without them fails the console tests rather than skipping them ({@code .ci/run} installs
 * the {@code chromium} and {@code chromium-driver} packages).
 */
final class Chromium {

    static final String BROWSER = System.getProperty("consentinel.chromium", "/usr/bin/chromium");
    static final String DRIVER = System.getProperty("consentinel.chromedriver", "/usr/bin/chromedriver");

    private Chromium() {}

    static ChromeDriver start() throws IOException {
        assertThat(new File(BROWSER))
                .as("Chromium must be installed at %s (apt-get install chromium chromium-driver)", BROWSER)
                .canRead();
        assertThat(new File(DRIVER))
                .as("chromedriver must be installed at %s (apt-get install chromium-driver)", DRIVER)
                .canRead();
        Path profile = Files.createTempDirectory("consentinel-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }
}
