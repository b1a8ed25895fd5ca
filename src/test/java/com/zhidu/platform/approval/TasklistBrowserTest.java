package com.zhidu.platform.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.AsUser;
import com.zhidu.HeadlessChromium;
import com.zhidu.ZhiduTest;
import com.zhidu.platform.notification.DigestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Employees in the Chinese Tasklist (headless Chromium): a salesperson opens her task from the filter 我的小組 and
 * completes it; the manager opens the review, and in the tab 審批 (zhidu-task-operations.js) returns it to her with a
 * reason; an employee turns the daily digest on in the Tasklist header (zhidu-notification-settings.js).
 * Screenshots go to target/screenshots/ (docs/employee-guide.md uses copies in docs/images/).
 */
@ZhiduTest
class TasklistBrowserTest {

  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired JdbcTemplate jdbc;
  @Autowired DigestSettings digest;

  WebDriver browser;
  WebDriverWait wait;

  @BeforeEach
  void startBrowser() throws IOException {
    browser = HeadlessChromium.start("zh-TW,zh");
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterEach
  void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void aSalespersonCompletesHerTaskAndTheManagerReturnsItWithAReason() throws Exception {
    String pi = new AsUser(engine.getIdentityService()).call("sunli", () -> runtime.startProcessInstanceByKey(
        "approval-browser-fixture", "QUOTE-" + System.nanoTime(), Map.of()).getId());

    // The salesperson: Chinese Tasklist, the filter 我的小組, her task, claim, fill in, complete.
    login("sunli");
    WebElement groupFilter = wait.until(ExpectedConditions.elementToBeClickable(filter("我的小組")));
    // The webapp itself speaks Chinese (locales/zh.json), not only the filters and tasks.
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("我的待辦", "抄送給我", "我發起的", "啟動流程");
    groupFilter.click();
    openTask("準備報價");
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))).click();
    WebElement summary = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".fjs-form input")));
    summary.sendKeys("年度維護合約報價 120 萬元");
    screenshot("tasklist-salesperson-task.png");
    WebElement complete = wait.until(ExpectedConditions.elementToBeClickable(
        By.cssSelector("button[ng-click='complete()']")));
    complete.click();
    wait.until(d -> taskOf(pi, "quoteReview") != null);
    assertThat(runtime.getVariable(pi, "summary")).isEqualTo("年度維護合約報價 120 萬元");
    logout();

    // The manager: the review, the tab 審批 with the clause and history, return to the author with a reason.
    login("zhangwei");
    wait.until(ExpectedConditions.elementToBeClickable(filter("我的小組"))).click();
    openTask("部門經理審核報價");
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))).click();
    wait.until(d -> "zhangwei".equals(taskOf(pi, "quoteReview").getAssignee()));
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space()='審批']"))).click();
    WebElement clause = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("zhidu-ops-clause")));
    assertThat(clause.getText()).contains("§1.3.3", "部門經理審核報價");
    WebElement step = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("zhidu-ops-step")));
    assertThat(new Select(step).getFirstSelectedOption().getText()).contains("準備報價");
    assertThat(browser.findElement(By.id("zhidu-ops-history")).getText()).contains("準備報價", "孫麗", "已完成");
    browser.findElement(By.id("zhidu-ops-reason")).sendKeys("請附上成本明細後再提交");
    screenshot("tasklist-manager-return.png");
    browser.findElement(By.id("zhidu-ops-return")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("zhidu-ops-message"), "退回完成"));
    screenshot("tasklist-returned.png");

    Task back = taskOf(pi, "prepareQuote");
    assertThat(back).isNotNull();
    assertThat(back.getAssignee()).as("back to its author").isEqualTo("sunli");
    assertThat(taskOf(pi, "quoteReview")).isNull();
    assertThat(jdbc.queryForList("select user_id, reason from approval_action where case_id = ? and operation = 'return'",
        pi)).singleElement().satisfies(row -> {
          assertThat(row.get("USER_ID")).isEqualTo("zhangwei");
          assertThat(row.get("REASON")).isEqualTo("請附上成本明細後再提交");
        });
    runtime.deleteProcessInstance(pi, "test cleanup");
  }

  @Test
  void anEmployeeTurnsTheDailyDigestOnInTheTasklistHeader() throws Exception {
    jdbc.update("delete from user_notification_setting where user_id = 'liuyang'");
    login("liuyang");
    WebElement toggle = wait.until(ExpectedConditions.elementToBeClickable(By.id("zhidu-digest-toggle")));
    WebElement status = browser.findElement(By.id("zhidu-digest-status"));
    assertThat(browser.findElement(By.id("zhidu-digest")).getText()).contains("每日摘要郵件");
    wait.until(ExpectedConditions.textToBePresentInElement(status, "逐項通知"));
    assertThat(toggle.isSelected()).isFalse();

    toggle.click();
    wait.until(ExpectedConditions.textToBePresentInElement(status, "已儲存"));
    assertThat(status.getText()).contains("每日摘要");
    screenshot("tasklist-daily-digest.png");
    assertThat(digest.wantsDigest("liuyang")).isTrue();

    // The page shows the stored setting after a reload, and turning it off is stored too.
    browser.navigate().refresh();
    WebElement reloaded = wait.until(ExpectedConditions.elementToBeClickable(By.id("zhidu-digest-toggle")));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("zhidu-digest-status"), "每日摘要"));
    assertThat(reloaded.isSelected()).isTrue();
    reloaded.click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("zhidu-digest-status"), "已儲存"));
    assertThat(digest.wantsDigest("liuyang")).isFalse();

    // The session alone does not let another page change the setting: a write without the CSRF token is refused.
    Object forged = ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "fetch('/zhidu/api/me/notification-settings', {method: 'PUT', credentials: 'same-origin',"
        + " headers: {'Content-Type': 'application/json'}, body: JSON.stringify({dailyDigest: true})})"
        + ".then(r => done(r.status), e => done(String(e)));");
    assertThat(forged).isEqualTo(403L);
    assertThat(digest.wantsDigest("liuyang")).isFalse();
    jdbc.update("delete from user_notification_setting where user_id = 'liuyang'");
  }

  private void login(String user) throws IOException {
    // On a busy machine the webapp's module loader can time out on a cold start: load the page again.
    for (int attempt = 1; ; attempt++) {
      browser.get(url("/camunda/app/tasklist/" + engine.getName() + "/"));
      try {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form input[type='text']")))
            .sendKeys(user);
        break;
      } catch (RuntimeException e) {
        if (attempt == 3) {
          screenshot("tasklist-login-failed.png");
          Files.writeString(SCREENSHOTS.resolve("tasklist-login-failed.log"), String.join("\n",
              browser.manage().logs().get("browser").getAll().stream().map(Object::toString).toList()));
          throw e;
        }
      }
    }
    browser.findElement(By.cssSelector("input[type='password']")).sendKeys(user);
    browser.findElement(By.cssSelector("button[type='submit']")).click();
  }

  private void logout() {
    browser.manage().deleteAllCookies();
    ((JavascriptExecutor) browser).executeScript("window.localStorage.clear(); window.sessionStorage.clear();");
  }

  private By filter(String name) {
    return By.xpath("//div[contains(@class,'task-filter')]//h4[contains(@class,'name')]/a[contains(normalize-space(.),'"
        + name + "')]");
  }

  private void openTask(String name) {
    wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//h4[contains(@class,'task')]/a[contains(normalize-space(.),'" + name + "')]"))).click();
  }

  private Task taskOf(String pi, String key) {
    return tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey(key).singleResult();
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  private void screenshot(String name) throws IOException {
    Files.write(SCREENSHOTS.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }
}
