package com.zhidu.operationsanalysis;

import static com.zhidu.Refusals.fieldsOf;
import static com.zhidu.Refusals.refusalIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.zhidu.AsUser;
import com.zhidu.ProcessTestExtension;
import com.zhidu.Reviews;
import com.zhidu.DemoRest;
import com.zhidu.Jobs;
import com.zhidu.ZhiduTest;
import com.zhidu.platform.Refusal;
import com.zhidu.platform.deadlines.DeadlineWatcher;
import com.zhidu.platform.documents.DocumentStore;
import com.zhidu.platform.documents.PdfDocuments;
import com.zhidu.reportapproval.ReviewDecision;
import com.zhidu.reportapproval.ReviewDecisionRepository;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/** operations-analysis (§3.4.1–§3.4.4, §2.2.6): collection round, analysis, warnings, report, review, feedback. */
@ZhiduTest
class OperationsAnalysisProcessTest {

  @RegisterExtension
  static final ProcessTestExtension processTest = ProcessTestExtension.fullyCovering("operations-analysis");
  static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired OperationsRepository repository;
  @Autowired OperationsAnalysis analysis;
  @Autowired ReviewDecisionRepository decisions;
  @Autowired DeadlineWatcher watcher;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate rest;
  @Autowired DocumentStore documentStore;
  AsUser as;

  @BeforeEach
  void setUp() {
    as = new AsUser(identity);
  }

  /** The fixed data set: history before Zhidu for 2025-10 and 2026-07..09, hand-computed figures below. */
  void seedHistory() {
    put("2025-10", Indicator.REVENUE, 600_000);
    put("2025-10", Indicator.OUTPUT, 1_000);
    put("2026-07", Indicator.REVENUE, 500_000);
    put("2026-07", Indicator.OPERATING_COST, 300_000);
    put("2026-08", Indicator.REVENUE, 600_000);
    put("2026-08", Indicator.OPERATING_COST, 400_000);
    put("2026-09", Indicator.REVENUE, 800_000);
    put("2026-09", Indicator.OPERATING_COST, 500_000);
    put("2026-09", Indicator.OUTPUT, 1_000);
    put("2026-09", Indicator.STOCK_VALUE, 400_000);
  }

  @Test
  void wholeRoundWarningsRaisedReportRevisedAfterLeadershipRejectsThenFedBack() {
    seedHistory();
    ProcessInstance pi = as.call("huangmin", () -> start("2026-10"));
    executeJobs(pi);
    long roundId = repository.findByProcess(pi.getId()).orElseThrow().id();
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).singleResult().getBusinessKey())
        .isEqualTo("OPS-2026-10");
    assertThat(pi).isWaitingAt("submitSalesFigures", "submitFinanceFigures", "submitProductionFigures",
        "submitInventoryFigures");
    assertThat(task(pi, "submitSalesFigures").getAssignee()).isEqualTo("zhaolei");
    assertThat(task(pi, "submitProductionFigures").getAssignee()).isEqualTo("gaofeng");
    assertThat(repository.figures("2026-10")).containsKey(Indicator.COMPLAINTS);

    // Only the data owner submits the department's figures; values are checked.
    Task production = task(pi, "submitProductionFigures");
    assertThatThrownBy(() -> as.run("zhaolei", () -> tasks.complete(production.getId(), productionFigures(1100, 6))))
        .isInstanceOfAny(AuthorizationException.class, Refusal.class);
    assertThat(refusalIn(catchThrowable(() -> as.run("demo", () -> tasks.complete(production.getId(),
        productionFigures(1100, 6))))).status()).isEqualTo(403);
    assertThat(fieldsOf(catchThrowable(() -> as.run("gaofeng", () -> tasks.complete(production.getId(),
        productionFigures(1100, 150)))))).containsExactly("defectRate");
    Map<String, Object> fractional = productionFigures(1100, 6);
    fractional.put("output", 10.5);
    assertThat(fieldsOf(catchThrowable(() -> as.run("gaofeng", () -> tasks.complete(production.getId(), fractional)))))
        .containsExactly("output");
    assertThat(fieldsOf(catchThrowable(() -> as.run("gaofeng", () -> tasks.complete(production.getId(),
        productionFigures(0, 3)))))).containsExactly("defectRate");
    assertThat(repository.figures("2026-10")).doesNotContainKey(Indicator.OUTPUT);

    as.run("gaofeng", () -> tasks.complete(production.getId(), productionFigures(1100, 6)));
    as.run("zhaolei", () -> tasks.complete(task(pi, "submitSalesFigures").getId(),
        Map.of("revenue", 700_000, "salesTarget", 1_000_000, "newCustomers", 4)));
    as.run("tangyan", () -> tasks.complete(task(pi, "submitFinanceFigures").getId(),
        Map.of("operatingCost", 450_000, "receivablesOverdue", 200_000, "cashBalance", 1_000_000)));
    as.run("songtao", () -> tasks.complete(task(pi, "submitInventoryFigures").getId(),
        Map.of("stockValue", 320_000, "turnoverDays", 45.5)));
    assertThat(repository.figures("2026-10").get(Indicator.TURNOVER_DAYS).valueCenti()).isEqualTo(4550);
    assertThat(repository.figures("2026-10").get(Indicator.REVENUE).submittedBy()).isEqualTo("zhaolei");
    executeJobs(pi);

    // §3.4.2 analysis, against hand-computed values.
    OperationsAnalysis.Result r = analysis.of("2026-10");
    assertThat(r.trend(Indicator.REVENUE).monthOverMonth()).isCloseTo(-12.5, within(1e-9));
    assertThat(r.trend(Indicator.REVENUE).yearOverYear()).isCloseTo(100.0 / 6, within(1e-9));
    assertThat(r.trend(Indicator.OUTPUT).monthOverMonth()).isCloseTo(10.0, within(1e-9));
    assertThat(r.trend(Indicator.OUTPUT).yearOverYear()).isCloseTo(10.0, within(1e-9));
    assertThat(r.trend(Indicator.STOCK_VALUE).monthOverMonth()).isCloseTo(-20.0, within(1e-9));
    assertThat(r.achievement()).isCloseTo(70.0, within(1e-9));
    assertThat(r.departments()).extracting(t -> t.indicator().code)
        .containsExactly("revenue", "operatingCost", "output", "stockValue");
    OperationsAnalysis.Correlation revenueCost = r.correlations().get(0);
    assertThat(revenueCost.periods()).isEqualTo(4);
    assertThat(revenueCost.r()).isCloseTo(0.9827076298, within(1e-9));

    // §2.2.6 warnings from the decision table: defect rate 6 % and target achievement 70 %.
    assertThat(repository.warnings(roundId)).extracting(OperationsRepository.Warning::indicator,
        OperationsRepository.Warning::level).containsExactlyInAnyOrder(tuple("defectRate", "warning"),
        tuple("targetAchievement", "warning"));
    List<Task> warnings = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("handleWarning").list();
    assertThat(warnings).hasSize(2);
    assertThat(tasks.getIdentityLinksForTask(warnings.get(0).getId())).anyMatch(l -> "deptManager".equals(l.getGroupId()));
    assertThat(warnings.stream().map(t -> (String) tasks.getVariableLocal(t.getId(), "warningText")))
        .anyMatch(t -> t.contains("不良率") && t.contains("6.00"));
    Task first = warnings.get(0);
    as.run("zhangwei", () -> tasks.claim(first.getId(), "zhangwei"));
    assertThat(fieldsOf(catchThrowable(() -> as.run("zhangwei", () -> tasks.complete(first.getId(), Map.of())))))
        .containsExactly("measures");
    for (Task w : warnings) {
      as.run("zhangwei", () -> {
        if (w != first) {
          tasks.claim(w.getId(), "zhangwei");
        }
        tasks.complete(w.getId(), Map.of("measures", "召開專題會議"));
      });
    }
    assertThat(repository.warnings(roundId)).allSatisfy(w -> assertThat(w.handledBy()).isEqualTo("zhangwei"));

    // §3.4.3 the generated report as HTML from the task, readable by the analysts, owners and auditors only.
    assertThat(runtime.getVariable(pi.getId(), "reportLink")).isEqualTo("/zhidu/api/operations/" + roundId + "/report.html");
    DemoRest demo = new DemoRest(rest);
    String report = "/zhidu/api/operations/" + roundId + "/report.html";
    DemoRest.Reply html = demo.get("huangmin", report, "text/html");
    assertThat(html.status()).isEqualTo(200);
    assertThat(html.text()).contains("一、概況", "二、關鍵指標", "三、發現的問題", "四、分析師建議", "700,000.00", "70.0%",
        "-12.5%", "0.983", "不良率超過 5%", "召開專題會議");
    assertThat(demo.get("shenjian", report, "text/html").status()).isEqualTo(200);
    assertThat(demo.get("songtao", report, "text/html").status()).isEqualTo(200);
    assertThat(demo.get("sunli", report, "text/html").status()).isEqualTo(403);

    Task write = task(pi, "writeOperationsReport");
    as.run("huangmin", () -> tasks.claim(write.getId(), "huangmin"));
    assertThat(fieldsOf(catchThrowable(() -> as.run("huangmin", () -> tasks.complete(write.getId(),
        Map.of("recommendations", " ")))))).containsExactly("recommendations");
    as.run("huangmin", () -> tasks.complete(write.getId(), Map.of("recommendations", "加強品質管控")));
    executeJobs(pi);
    // The PDF of version 1: section titles, key figures in Chinese, the two charts as images.
    long v1Pdf = repository.reports(roundId).get(0).documentId();
    assertThat(runtime.getVariable(approvalOf(pi).getId(), "subjectLink")).isEqualTo("/zhidu/api/documents/" + v1Pdf);
    byte[] pdf = documentStore.content(v1Pdf);
    assertThat(PdfDocuments.text(pdf)).contains("2026-10 運營分析報告(第1版)", "一、概況", "二、關鍵指標", "三、發現的問題",
        "四、分析師建議", "銷售收入", "700,000.00", "70.0%", "-12.5%", "0.983", "不良率超過 5%", "加強品質管控");
    assertThat(PdfDocuments.images(pdf)).isEqualTo(2);
    writeExample("operations-report-example.pdf", pdf);
    review("zhangwei", pi, "managerReview", "approved", null);
    review("linzong", pi, "leadershipApproval", "rejected", "請補充南區分析");
    Task revise = task(pi, "reviseOperationsReport");
    assertThat(revise.getAssignee()).isEqualTo("huangmin");
    as.run("huangmin", () -> tasks.complete(revise.getId(), Map.of("recommendations", "加強品質管控;南區增派業務")));
    executeJobs(pi);
    review("zhangwei", pi, "managerReview", "approved", null);
    review("linzong", pi, "leadershipApproval", "approved", null);
    executeJobs(pi);
    assertThat(repository.round(roundId).approvedReportVersion()).isEqualTo(2);
    assertThat(decisions.decisionsAbout("operationsReport", String.valueOf(roundId)))
        .extracting(ReviewDecision::subjectVersion, ReviewDecision::decision)
        .containsExactly(tuple(1, "approved"), tuple(1, "rejected"), tuple(2, "approved"), tuple(2, "approved"));

    // §3.4.4 fed back to every department's data owner.
    List<Task> feedback = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("receiveOperationsReport")
        .list();
    assertThat(feedback).extracting(Task::getAssignee).containsExactlyInAnyOrder("zhaolei", "tangyan", "gaofeng", "songtao");
    feedback.forEach(t -> as.run(t.getAssignee(), () -> tasks.complete(t.getId())));
    assertThat(pi).isEnded().hasPassed("EndEvent_ReportFedBack", "EndEvent_WarningsHandled");
  }

  @Test
  void timerStartsTheRoundForLastMonthNoWarningsAndLateDataOwnersAreReminded() {
    // 2027-01-01 is a holiday: the tasks are due on the fifth working day after it, 2027-01-08 18:00.
    ClockUtil.setCurrentTime(at("2027-01-01T07:00"));
    Job timer = management.createJobQuery().processDefinitionKey("operations-analysis").timers().singleResult();
    assertThat(timer).isNotNull();
    List<String> before = runtime.createProcessInstanceQuery().processDefinitionKey("operations-analysis").list()
        .stream().map(ProcessInstance::getId).toList();
    management.executeJob(timer.getId());
    ProcessInstance pi = runtime.createProcessInstanceQuery().processDefinitionKey("operations-analysis").list()
        .stream().filter(p -> !before.contains(p.getId())).findFirst().orElseThrow();
    executeJobs(pi);
    assertThat(repository.findByProcess(pi.getId()).orElseThrow().period()).isEqualTo("2026-12");
    assertThat(pi).isWaitingAt("submitSalesFigures", "submitFinanceFigures", "submitProductionFigures",
        "submitInventoryFigures");

    // The sales owner submits in time; the three others are reminded two working days before the due date.
    as.run("zhaolei", () -> tasks.complete(task(pi, "submitSalesFigures").getId(),
        Map.of("revenue", 900_000, "salesTarget", 900_000, "newCustomers", 2)));
    jdbc.update("delete from mail_outbox");
    ClockUtil.setCurrentTime(at("2027-01-05T18:01"));
    watcher.scan();
    assertThat(remindersOf(pi)).isEmpty();
    ClockUtil.setCurrentTime(at("2027-01-06T18:01"));
    watcher.scan();
    assertThat(remindersOf(pi)).containsExactlyInAnyOrder("tangyan", "gaofeng", "songtao");

    as.run("tangyan", () -> tasks.complete(task(pi, "submitFinanceFigures").getId(),
        Map.of("operatingCost", 400_000, "receivablesOverdue", 0, "cashBalance", 500_000)));
    as.run("gaofeng", () -> tasks.complete(task(pi, "submitProductionFigures").getId(), productionFigures(1000, 1)));
    as.run("songtao", () -> tasks.complete(task(pi, "submitInventoryFigures").getId(),
        Map.of("stockValue", 300_000, "turnoverDays", 30)));
    executeJobs(pi);
    assertThat(pi).hasPassed("EndEvent_NoWarnings").isWaitingAt("writeOperationsReport");
    runtime.deleteProcessInstance(pi.getId(), "test done");
  }

  @Test
  void onlyOperationsAnalysisStartsARoundForACompletedMonthOnce() {
    assertThatThrownBy(() -> as.run("sunli", () -> start("2026-01"))).isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> as.run("shenjian", () -> start("2026-01"))).isInstanceOf(AuthorizationException.class);
    assertThat(refusalIn(catchThrowable(() -> as.run("demo", () -> start("2026-01")))).status()).isEqualTo(403);
    assertThat(fieldsOf(catchThrowable(() -> as.run("xuhui", () -> start("2999-01"))))).containsExactly("period");
    ProcessInstance pi = as.call("xuhui", () -> start("2026-01"));
    executeJobs(pi);
    assertThat(refusalIn(catchThrowable(() -> as.run("xuhui", () -> start("2026-01")))).status()).isEqualTo(409);

    // Through REST as demo users: the auditor reads the task but cannot complete it; the owner can.
    DemoRest demo = new DemoRest(rest);
    String base = "/engine-rest/engine/" + processEngine.getName();
    String salesTask = task(pi, "submitSalesFigures").getId();
    Map<String, Object> body = Map.of("variables", DemoRest.variables(Map.of("revenue", 1, "salesTarget", 1,
        "newCustomers", 0)));
    assertThat(demo.post("shenjian", base + "/task/" + salesTask + "/complete", body).ok()).isFalse();
    assertThat(demo.post("gaofeng", base + "/task/" + salesTask + "/complete", body).ok()).isFalse();
    assertThat(demo.post("zhaolei", base + "/task/" + salesTask + "/complete", body).status()).isEqualTo(204);
    assertThat(repository.figures("2026-01").get(Indicator.REVENUE).submittedBy()).isEqualTo("zhaolei");
    runtime.deleteProcessInstance(pi.getId(), "test done");
  }

  // --- helpers

  /** Users reminded about this case's open tasks. */
  private List<String> remindersOf(ProcessInstance pi) {
    List<String> taskIds = tasks.createTaskQuery().processInstanceId(pi.getId()).list().stream().map(Task::getId).toList();
    return jdbc.queryForList("select user_id, task_id from mail_outbox where kind = 'reminder'").stream()
        .filter(row -> taskIds.contains((String) row.get("task_id"))).map(row -> (String) row.get("user_id")).toList();
  }

  /** Keeps the generated PDF under target/ (the guide's picture is rendered from it). */
  static void writeExample(String name, byte[] pdf) {
    try {
      java.nio.file.Files.write(java.nio.file.Path.of("target", name), pdf);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private ProcessInstance start(String period) {
    return runtime.createMessageCorrelation("operations-analysis-start").setVariable("period", period)
        .correlateStartMessage();
  }

  static Map<String, Object> productionFigures(int output, double defectRate) {
    Map<String, Object> v = new HashMap<>();
    v.put("output", output);
    v.put("defectRate", defectRate);
    v.put("capacityUtilization", 75);
    return v;
  }

  private void put(String period, Indicator indicator, long value) {
    repository.putFigure(null, period, indicator, value * 100, "history", "import");
  }

  static Date at(String local) {
    return Date.from(LocalDateTime.parse(local).atZone(TAIPEI).toInstant());
  }

  private void executeJobs(ProcessInstance pi) {
    Jobs.executeAll(management, pi.getId());
  }

  private Task task(ProcessInstance pi, String key) {
    return tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).singleResult();
  }

  private ProcessInstance approvalOf(ProcessInstance pi) {
    return runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId()).singleResult();
  }

  private void review(String user, ProcessInstance pi, String key, String decision, String comment) {
    Reviews.decide(runtime, tasks, as, pi, key, user, decision, comment);
  }
}
