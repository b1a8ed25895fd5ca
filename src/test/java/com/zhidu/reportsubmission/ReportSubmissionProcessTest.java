package com.zhidu.reportsubmission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.zhidu.AsUser;
import com.zhidu.Jobs;
import com.zhidu.ProcessTestExtension;
import com.zhidu.ZhiduTest;
import com.zhidu.reportapproval.ReviewDecision;
import com.zhidu.reportapproval.ReviewDecisionRepository;
import com.zhidu.platform.Refusal;
import com.zhidu.platform.TaskActionRecorder;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;

/** report-submission (§3.1.5, §3.4.4): submit, review with revision rounds, approve, feed back. */
@ZhiduTest
class ReportSubmissionProcessTest {

  @RegisterExtension
  static final ProcessTestExtension processTest = ProcessTestExtension.fullyCovering("report-submission");

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired ReportRepository reports;
  @Autowired ReviewDecisionRepository decisions;
  @Autowired TaskActionRecorder taskActions;
  AsUser as;

  @BeforeEach
  void setUp() {
    as = new AsUser(identity);
  }

  @Test
  void approvedFirstTimeAndFedBackToTheRecipients() {
    // A forged author is not even accepted: the start form declares no such field.
    Map<String, Object> forged = reportForm();
    forged.put("author", "lina");
    assertThatThrownBy(() -> submit("chenjing", forged)).isInstanceOf(Refusal.class)
        .hasMessageContaining("author");
    ProcessInstance submission = submit("chenjing", reportForm());

    Report report = reportOf(submission);
    assertThat(report.author()).isEqualTo("chenjing");
    // The report number is the case's business key, so people and auditors can find it by number.
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(submission.getId()).singleResult()
        .getBusinessKey()).isEqualTo("RPT-" + report.id());
    assertThat(report.area()).isEqualTo("marketResearch");
    assertThat(report.kind()).isEqualTo("marketResearch");
    assertThat(report.status()).isEqualTo(Report.IN_REVIEW);
    assertThat(reports.versions(report.id())).singleElement().satisfies(v -> {
      assertThat(v.version()).isEqualTo(1);
      assertThat(v.title()).isEqualTo("2026年第4季市場調研報告");
      assertThat(v.createdBy()).isEqualTo("chenjing");
    });
    assertThat(submission).isWaitingAt("reviewReport");

    review("zhangwei", submission, "managerReview", "approved", null);
    review("linzong", submission, "leadershipApproval", "approved", "同意發布");
    executeJobs(submission);

    report = reports.report(report.id());
    assertThat(report.status()).isEqualTo(Report.APPROVED);
    assertThat(report.approvedVersion()).isEqualTo(1);
    assertThat(report.approvedAt()).isNotNull();
    assertThat(submission).isWaitingAt("acknowledgeReport");
    assertThat(tasks.createTaskQuery().processInstanceId(submission.getId()).list())
        .extracting(Task::getAssignee).containsExactlyInAnyOrder("zhaolei", "zhengxin");

    acknowledge("zhaolei", submission, "對銷售計劃很有參考價值");
    acknowledge("zhengxin", submission, null);

    assertThat(submission).isEnded().hasPassed("markReportApproved", "EndEvent_ReportFedBack")
        .hasNotPassed("reviseReport");
    assertThat(reports.recipients(report.id()))
        .extracting(ReportRecipient::recipient, ReportRecipient::acknowledgedBy, ReportRecipient::feedback)
        .containsExactly(tuple("zhaolei", "zhaolei", "對銷售計劃很有參考價值"), tuple("zhengxin", "zhengxin", null));
    assertThat(reports.recipients(report.id())).allSatisfy(r -> assertThat(r.acknowledgedAt()).isNotNull());
  }

  @Test
  void twoRevisionRoundsKeepEveryVersion() {
    ProcessInstance submission = submit("huangmin", reportForm("operationsAnalysis"));
    Report report = reportOf(submission);
    assertThat(report.area()).isEqualTo("operationsAnalysis");

    // Round 1: the manager sends it back.
    review("zhangwei", submission, "managerReview", "rejected", "請補充成本分析");
    Task revise = task(submission, "reviseReport");
    assertThat(revise.getAssignee()).isEqualTo("huangmin");
    assertThat(runtime.getVariable(submission.getId(), "reviewComments")).isEqualTo("請補充成本分析");
    reviseAs("huangmin", submission, "第二版:含成本分析");
    assertThat(reports.latestVersionOf(report.id())).isEqualTo(2);

    // Round 2: the manager agrees, leadership sends it back.
    review("zhangwei", submission, "managerReview", "approved", null);
    review("linzong", submission, "leadershipApproval", "rejected", "結論需要數據支持");
    assertThat(runtime.getVariable(submission.getId(), "reviewComments")).isEqualTo("結論需要數據支持");
    reviseAs("huangmin", submission, "第三版:補充數據");

    // Round 3: approved.
    review("zhangwei", submission, "managerReview", "approved", null);
    review("linzong", submission, "leadershipApproval", "approved", null);
    executeJobs(submission);

    assertThat(reports.versions(report.id())).extracting(ReportVersion::version, ReportVersion::title,
            ReportVersion::createdBy)
        .containsExactly(tuple(1, "2026年第4季市場調研報告", "huangmin"), tuple(2, "第二版:含成本分析", "huangmin"),
            tuple(3, "第三版:補充數據", "huangmin"));
    assertThat(reports.report(report.id()).approvedVersion()).isEqualTo(3);
    assertThat(decisions.decisionsAbout("report", String.valueOf(report.id())))
        .extracting(ReviewDecision::subjectVersion, ReviewDecision::stage, ReviewDecision::decision,
            ReviewDecision::decidedBy)
        .containsExactly(
            tuple(1, "managerReview", "rejected", "zhangwei"),
            tuple(2, "managerReview", "approved", "zhangwei"),
            tuple(2, "leadershipApproval", "rejected", "linzong"),
            tuple(3, "managerReview", "approved", "zhangwei"),
            tuple(3, "leadershipApproval", "approved", "linzong"));
    assertThat(submission).isWaitingAt("acknowledgeReport");
  }

  @Test
  void delegatesRunAgainWriteNothingTwice() {
    ProcessInstance submission = submit("chenjing", reportForm());
    Report report = reportOf(submission);
    review("zhangwei", submission, "managerReview", "rejected", "請修改");
    reviseAs("chenjing", submission, "修訂版");
    assertThat(reports.versions(report.id())).hasSize(2);

    // A retried job runs the delegate again in a new transaction: it must find its work done.
    DelegateExecution execution = Mockito.mock(DelegateExecution.class);
    Mockito.when(execution.getProcessInstanceId()).thenReturn(submission.getId());
    new StoreRevisedVersionDelegate(reports, decisions, taskActions).execute(execution);
    assertThat(reports.versions(report.id())).hasSize(2);
    Mockito.verify(execution).setVariable("reportVersion", 2);

    assertThat(reports.createOnce(submission.getId(), "other", "x", "someone", "crm")).isEqualTo(report.id());
    reports.addRecipientOnce(report.id(), "zhaolei");
    assertThat(reports.recipientsOf(report.id())).containsExactly("zhaolei", "zhengxin");
    reports.markApproved(report.id());
    Instant approvedAt = reports.report(report.id()).approvedAt();
    reports.markApproved(report.id());
    assertThat(reports.report(report.id()).approvedAt()).isEqualTo(approvedAt);
  }

  @Test
  void theDeputyOwningTheAreaStandsInForTheManager() {
    ProcessInstance submission = submit("chenjing", reportForm());
    Task managerReview = approvalTask(submission, "managerReview");
    assertThat(tasks.createTaskQuery().taskId(managerReview.getId()).taskCandidateUser("lina").count()).isEqualTo(1);

    review("lina", submission, "managerReview", "approved", "由副經理代審");
    assertThat(decisions.decisionsAbout("report", String.valueOf(reportOf(submission).id())))
        .extracting(ReviewDecision::decidedBy).containsExactly("lina");
    assertThat(approvalTask(submission, "leadershipApproval")).isNotNull();
  }

  @Test
  void onlyTheRecipientAcknowledges() {
    ProcessInstance submission = submit("chenjing", reportForm());
    review("zhangwei", submission, "managerReview", "approved", null);
    review("linzong", submission, "leadershipApproval", "approved", null);
    executeJobs(submission);
    Task zhaoleis = tasks.createTaskQuery().processInstanceId(submission.getId()).taskAssignee("zhaolei").singleResult();

    // demo (camunda-admin) may work any task, but 閱知 is the recipient's own statement.
    assertThatThrownBy(() -> as.run("demo", () -> tasks.complete(zhaoleis.getId())))
        .isInstanceOf(org.camunda.bpm.engine.ProcessEngineException.class);
    assertThat(reports.recipients(reportOf(submission).id())).allSatisfy(r -> assertThat(r.acknowledgedAt()).isNull());
  }

  @Test
  void aFailingDelegateRetriesThenBecomesAnIncidentWithTheCaseIntact() {
    ProcessInstance submission = startOnly("chenjing", reportForm());
    // Break the data the delegate needs after the start checks passed (e.g. an operator's mistake).
    runtime.setVariable(submission.getId(), "title", " ");

    Job job = management.createJobQuery().processInstanceId(submission.getId()).singleResult();
    int attempts = 0;
    while (runtime.createIncidentQuery().processInstanceId(submission.getId()).count() == 0 && attempts < 10) {
      assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("報告缺少標題或摘要");
      attempts++;
    }
    assertThat(attempts).as("R5/PT5M: five attempts").isEqualTo(5);
    assertThat(management.createJobQuery().jobId(job.getId()).singleResult().getRetries()).isZero();
    assertThat(runtime.createIncidentQuery().processInstanceId(submission.getId()).singleResult().getActivityId())
        .isEqualTo("storeReport");
    assertThat(submission).isActive().isWaitingAt("storeReport");
    assertThat(reports.findBySubmission(submission.getId())).isEmpty();

    // An operator repairs the data and retries: the case continues where it stopped.
    runtime.setVariable(submission.getId(), "title", "修正後的標題");
    management.setJobRetries(job.getId(), 1);
    management.executeJob(job.getId());
    assertThat(reports.latestVersion(reportOf(submission).id()).title()).isEqualTo("修正後的標題");
    assertThat(approvalTask(submission, "managerReview")).isNotNull();
  }

  @Test
  void aReportNeedsABodyOrALinkAndKnownRecipients() {
    Map<String, Object> noContent = reportForm();
    noContent.remove("body");
    assertThatThrownBy(() -> startOnly("chenjing", noContent)).hasMessageContaining("請填寫報告正文或提供文件連結");

    Map<String, Object> linkOnly = reportForm();
    linkOnly.remove("body");
    linkOnly.put("documentLink", "https://docs.zhidu.example/reports/q4");
    assertThat(startOnly("chenjing", linkOnly)).isActive();

    Map<String, Object> unknownRecipient = reportForm();
    unknownRecipient.put("recipients", "zhaolei, nobody");
    assertThatThrownBy(() -> startOnly("chenjing", unknownRecipient)).hasMessageContaining("nobody");
  }

  @Test
  void onlyTheReportingGroupsSubmit() {
    // sunli (sales) has no start permission; demo (admin) has it but writes no reports.
    assertThatThrownBy(() -> startOnly("sunli", reportForm()))
        .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    assertThatThrownBy(() -> startOnly("demo", reportForm())).hasMessageContaining("只有市場調研組或運營分析組");
  }

  // --- helpers

  static Map<String, Object> reportForm() {
    return reportForm("marketResearch");
  }

  static Map<String, Object> reportForm(String kind) {
    Map<String, Object> form = new HashMap<>();
    form.put("title", "2026年第4季市場調研報告");
    form.put("kind", kind);
    form.put("period", "2026年第4季");
    form.put("summary", "華東市場需求上升,競爭對手降價。");
    form.put("body", "一、引言……二、調研方法……三、調研結果……四、結論與建議……");
    form.put("recipients", "zhaolei,zhengxin");
    return form;
  }

  private ProcessInstance startOnly(String author, Map<String, Object> form) {
    return as.call(author, () -> runtime.startProcessInstanceByKey("report-submission", form));
  }

  /** Starts as the author and runs the async store job, as the job executor would. */
  private ProcessInstance submit(String author, Map<String, Object> form) {
    ProcessInstance submission = startOnly(author, form);
    executeJobs(submission);
    return submission;
  }

  private void executeJobs(ProcessInstance submission) {
    Jobs.executeAll(management, submission.getId());
  }

  private Report reportOf(ProcessInstance submission) {
    return reports.findBySubmission(submission.getId()).orElseThrow();
  }

  private Task task(ProcessInstance submission, String key) {
    return tasks.createTaskQuery().processInstanceId(submission.getId()).taskDefinitionKey(key).singleResult();
  }

  private Task approvalTask(ProcessInstance submission, String key) {
    ProcessInstance approval = runtime.createProcessInstanceQuery().superProcessInstanceId(submission.getId())
        .singleResult();
    return tasks.createTaskQuery().processInstanceId(approval.getId()).taskDefinitionKey(key).singleResult();
  }

  private void review(String user, ProcessInstance submission, String key, String decision, String comment) {
    Task task = approvalTask(submission, key);
    assertThat(task).as("open %s", key).isNotNull();
    Map<String, Object> variables = new HashMap<>();
    variables.put("decision", decision);
    variables.put("comment", comment);
    as.run(user, () -> {
      tasks.claim(task.getId(), user);
      tasks.complete(task.getId(), variables);
    });
  }

  private void reviseAs(String author, ProcessInstance submission, String newTitle) {
    Task revise = task(submission, "reviseReport");
    as.run(author, () -> tasks.complete(revise.getId(), Map.of("title", newTitle,
        "summary", "依審核意見修改", "body", "修改後的正文")));
    executeJobs(submission);
  }

  private void acknowledge(String recipient, ProcessInstance submission, String feedback) {
    Task task = tasks.createTaskQuery().processInstanceId(submission.getId()).taskAssignee(recipient).singleResult();
    Map<String, Object> variables = new HashMap<>();
    variables.put("feedback", feedback);
    as.run(recipient, () -> tasks.complete(task.getId(), variables));
  }
}
