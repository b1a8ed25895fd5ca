package com.zhidu.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zhidu.AsUser;
import com.zhidu.HeadlessChromium;
import com.zhidu.Jobs;
import com.zhidu.ZhiduTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The auditor's view in a real browser (Debian's headless chromium): the auditor logs in through Cockpit,
 * follows the navbar link to the auditor page, opens a finished report submission, and sees its timeline
 * and its diagram with exactly the path taken highlighted. Screenshots go to target/screenshots/ (the
 * auditor's guide uses copies in docs/images/).
 */
@ZhiduTest
class AuditorBrowserTest {

  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired TestRestTemplate rest;

  AsUser as;
  WebDriver browser;
  WebDriverWait wait;

  @BeforeEach
  void startBrowser() throws IOException {
    browser = HeadlessChromium.start();
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    as = new AsUser(engine.getIdentityService());
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterEach
  void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void theAuditorOpensAFinishedCaseAndSeesItsTimelineAndThePathTaken() throws Exception {
    String pi = finishedReportSubmission();

    // Log in through Cockpit as the auditor, as a person would.
    browser.get(url("/camunda/app/cockpit/" + engine.getName() + "/"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[placeholder='Username']")))
        .sendKeys("shenjian");
    browser.findElement(By.cssSelector("input[placeholder='Password']")).sendKeys("shenjian");
    browser.findElement(By.cssSelector("button[type='submit']")).click();

    // The Cockpit navbar carries the link to the auditor page (scripts/zhidu-audit-link.js).
    WebElement link = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.zhidu-audit-link")));
    assertThat(link.getText()).isEqualTo("審計檢視");
    screenshot("cockpit-audit-link.png");
    link.click();
    wait.until(ExpectedConditions.urlContains("/zhidu/audit/"));

    // Search the finished report submissions and open the case.
    WebElement key = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("processDefinitionKey")));
    key.sendKeys("report-submission");
    browser.findElement(By.cssSelector("select[name='state'] option[value='finished']")).click();
    browser.findElement(By.cssSelector("#filter button[type='submit']")).click();
    wait.until(ExpectedConditions.attributeContains(By.id("cases"), "data-loaded",
        "processDefinitionKey=report-submission&state=finished"));
    WebElement row = wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//table[@id='cases']//tr[td[1][normalize-space()='" + pi + "']]")));
    assertThat(row.getText()).contains("已完成", "chenjing");
    screenshot("audit-cases.png");
    row.click();
    wait.until(ExpectedConditions.attributeToBe(By.id("diagram"), "data-state", "shown"));

    JsonNode detail = JSON.readTree(rest.withBasicAuth("shenjian", "shenjian")
        .getForEntity("/zhidu/api/audit/cases/" + pi, String.class).getBody());

    // The timeline: one row per activity instance, with who did the human steps.
    List<WebElement> steps = browser.findElements(By.cssSelector("#activities tbody tr"));
    assertThat(steps).hasSize(detail.get("activities").size());
    String timeline = browser.findElement(By.id("activities")).getText();
    assertThat(timeline).contains("zhaolei", "zhengxin", "chenjing", "人工任務", "子流程");
    assertThat(browser.findElement(By.id("trailStatus")).getText()).contains("雜湊鏈驗證通過");

    // The path: exactly the activities that ran and the sequence flows taken carry the marker.
    BpmnModelInstance model = engine.getRepositoryService().getBpmnModelInstance(
        engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pi).singleResult()
            .getProcessDefinitionId());
    Set<String> expected = new LinkedHashSet<>();
    detail.get("path").forEach(id -> {
      if (model.getModelElementById(id.asText()) instanceof FlowNode) {
        expected.add(id.asText());
      }
    });
    detail.get("sequenceFlows").forEach(id -> expected.add(id.asText()));
    assertThat(expected).contains("storeReport", "reviewReport", "markReportApproved", "acknowledgeReport",
        "EndEvent_ReportFedBack", "Flow_Approved").doesNotContain("reviseReport", "Flow_RevisionRequested");
    List<String> marked = new ArrayList<>();
    browser.findElements(By.cssSelector("#diagram .djs-element.zhidu-taken"))
        .forEach(e -> marked.add(e.getAttribute("data-element-id")));
    assertThat(marked).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(browser.findElements(By.cssSelector("#diagram .zhidu-running"))).as("the case is finished").isEmpty();
    // The marker is visible, not just a class: the taken task's outline is drawn in the highlight colour.
    String stroke = (String) ((JavascriptExecutor) browser).executeScript("return getComputedStyle(document"
        + ".querySelector('#diagram [data-element-id=\"storeReport\"] .djs-visual > rect')).stroke");
    assertThat(stroke).isEqualTo("rgb(27, 94, 32)");

    elementScreenshot("diagram", "audit-case-diagram.png");
    elementScreenshot("activities", "audit-case-timeline.png");
    ((JavascriptExecutor) browser).executeScript("document.getElementById('case').scrollIntoView()");
    screenshot("audit-case.png");

    // Who reviewed and approved is in the called approval process: one click on its step opens it.
    WebElement call = browser.findElement(By.cssSelector("#activities tr[data-called]"));
    String approval = call.getAttribute("data-called");
    call.click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("caseTitle"), approval));
    wait.until(ExpectedConditions.attributeToBe(By.id("diagram"), "data-state", "shown"));
    assertThat(browser.findElement(By.id("activities")).getText()).contains("zhangwei", "linzong");
    assertThat(browser.findElement(By.id("completions")).getText()).contains("同意發布");
    assertThat(browser.findElements(By.cssSelector("#diagram .djs-element.zhidu-taken"))).isNotEmpty();
    elementScreenshot("activities", "audit-approval-timeline.png");
    browser.findElement(By.id("parent")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("caseTitle"), pi));

    // Did it follow the regulation: the conformance report per clause, as a table.
    browser.findElement(By.id("conformance")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reportTable")));
    WebElement feedback = browser.findElement(By.xpath("//table[@id='reportTable']//tr[td[1]='§3.1.5']"));
    // Other tests share this database: compare with the API, and require this case among the conforming.
    JsonNode clause = null;
    for (JsonNode c : JSON.readTree(rest.withBasicAuth("shenjian", "shenjian")
        .getForEntity("/zhidu/api/audit/conformance", String.class).getBody()).get("clauses")) {
      if (c.get("clause").asText().equals("§3.1.5")) {
        clause = c;
      }
    }
    assertThat(clause).isNotNull();
    assertThat(clause.get("conforming").toString()).as("the approved, fed-back report conforms").contains(pi);
    assertThat(feedback.findElement(By.xpath("td[3]")).getText()).isEqualTo(clause.get("checked").asText());
    assertThat(feedback.findElement(By.xpath("td[4]")).getText())
        .isEqualTo(String.valueOf(clause.get("conforming").size()));
    assertThat(feedback.findElements(By.xpath("td[6]/a"))).hasSize(clause.get("violating").size());
    elementScreenshot("report", "audit-conformance.png");
  }

  // --- the case: a report submitted by chenjing, approved first time, acknowledged by both recipients ---------

  private String finishedReportSubmission() {
    Map<String, Object> form = new HashMap<>();
    form.put("title", "2026年第4季市場調研報告");
    form.put("kind", "marketResearch");
    form.put("period", "2026年第4季");
    form.put("summary", "華東市場需求上升，競爭對手降價。");
    form.put("body", "一、引言……二、調研方法……三、調研結果……四、結論與建議……");
    form.put("recipients", "zhaolei,zhengxin");
    String pi = as.call("chenjing", () -> runtime.startProcessInstanceByKey("report-submission", form)).getId();
    executeJobs(pi);
    review("zhangwei", pi, "managerReview", null);
    review("linzong", pi, "leadershipApproval", "同意發布");
    executeJobs(pi);
    acknowledge("zhaolei", pi, "對銷售計劃很有參考價值");
    acknowledge("zhengxin", pi, null);
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pi).singleResult()
        .getState()).isEqualTo("COMPLETED");
    return pi;
  }

  private void executeJobs(String pi) {
    Jobs.executeAll(management, pi);
  }

  private void review(String user, String pi, String key, String comment) {
    String approval = runtime.createProcessInstanceQuery().superProcessInstanceId(pi).singleResult().getId();
    Task task = tasks.createTaskQuery().processInstanceId(approval).taskDefinitionKey(key).singleResult();
    Map<String, Object> variables = new HashMap<>();
    variables.put("decision", "approved");
    variables.put("comment", comment);
    as.run(user, () -> {
      tasks.claim(task.getId(), user);
      tasks.complete(task.getId(), variables);
    });
  }

  private void acknowledge(String recipient, String pi, String feedback) {
    Task task = tasks.createTaskQuery().processInstanceId(pi).taskAssignee(recipient).singleResult();
    Map<String, Object> variables = new HashMap<>();
    variables.put("feedback", feedback);
    as.run(recipient, () -> tasks.complete(task.getId(), variables));
  }

  // --- browser helpers ------------------------------------------------------------------------------------

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  private void screenshot(String name) throws IOException {
    Files.write(SCREENSHOTS.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }

  private void elementScreenshot(String id, String name) throws IOException {
    WebElement element = browser.findElement(By.id(id));
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", element);
    Files.write(SCREENSHOTS.resolve(name), element.getScreenshotAs(OutputType.BYTES));
  }
}
