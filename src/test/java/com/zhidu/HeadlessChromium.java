package com.zhidu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.Map;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless chromium and chromedriver for the browser tests (.ci/run installs both). */
public final class HeadlessChromium {

  public static final String CHROMIUM = "/usr/bin/chromium";
  public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private HeadlessChromium() {}

  /** The browser as it comes (English user interface of the webapps). */
  public static WebDriver start() {
    return start(null);
  }

  /**
   * The browser asking for the given languages ({@code Accept-Language}, {@code navigator.languages}), e.g.
   * {@code "zh-TW,zh"} for an employee's Traditional Chinese browser; null leaves the browser's default.
   */
  public static WebDriver start(String acceptLanguages) {
    // Fail, not skip: CI must run the browser tests; .ci/run installs both packages.
    assertThat(new File(CHROMIUM).canExecute()).as("Chromium missing at " + CHROMIUM + ": apt-get install chromium").isTrue();
    assertThat(new File(CHROMEDRIVER).canExecute()).as("chromedriver missing at " + CHROMEDRIVER + ": apt-get install chromium-driver").isTrue();
    // Both paths are given, so Selenium Manager never resolves (or downloads) a driver or a browser.
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
        "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--window-size=1280,900", "--lang=zh-TW");
    if (acceptLanguages != null) {
      options.addArguments("--accept-lang=" + acceptLanguages);
      options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguages));
    }
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }
}
