package com.zhidu.marketresearch;

import static com.zhidu.Refusals.fieldsOf;
import static com.zhidu.Refusals.refusalIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.zhidu.AsUser;
import com.zhidu.ProcessTestExtension;
import com.zhidu.Reviews;
import com.zhidu.Jobs;
import com.zhidu.ZhiduTest;
import com.zhidu.platform.Refusal;
import com.zhidu.platform.documents.DocumentStore;
import com.zhidu.platform.documents.PdfDocuments;
import com.zhidu.reportapproval.ReviewDecision;
import com.zhidu.reportapproval.ReviewDecisionRepository;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** market-research (§3.1.1–§3.1.5): plan, review with revision, collection, analysis, report, review, feedback. */
@ZhiduTest
class MarketResearchProcessTest {

  @RegisterExtension
  static final ProcessTestExtension processTest = ProcessTestExtension.fullyCovering("market-research");

  static final String CSV = "respondent,region,segment,satisfaction,purchaseIntent,monthlyBudget\n"
      + "R1,北區,企業,4,5,1000\n"
      + "R2,北區,個人,2,3,200.50\n"
      + "R3,南區,企業,5,4,3000\n"
      + "R4,南區,企業,3,2,0\n";

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired ResearchRepository research;
  @Autowired ReviewDecisionRepository decisions;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate rest;
  @Autowired DocumentStore documentStore;
  AsUser as;

  @BeforeEach
  void setUp() {
    as = new AsUser(identity);
  }

  @Test
  void planRejectedRevisedApprovedThenCollectedAnalysedReportedRevisedApprovedAndFedBack() throws Exception {
    ProcessInstance pi = propose("chenjing", planForm());
    long planId = planOf(pi).id();
    assertThat(pi.getBusinessKey() == null ? runtime.createProcessInstanceQuery().processInstanceId(pi.getId())
        .singleResult().getBusinessKey() : pi.getBusinessKey()).isEqualTo("MR-" + planId);
    assertThat(planOf(pi).author()).isEqualTo("chenjing");
    assertThat(pi).isWaitingAt("reviewResearchPlan");
    ProcessInstance review = approvalOf(pi);
    assertThat(runtime.getVariable(review.getId(), "subjectType")).isEqualTo("researchPlan");
    assertThat(runtime.getVariable(review.getId(), "author")).isEqualTo("chenjing");
    assertThat((String) runtime.getVariable(review.getId(), "subjectContent")).contains("問卷調查", "訪談");

    // §3.1.1 leadership rejects the plan; the author revises it.
    review("zhangwei", pi, "managerReview", "approved", null);
    review("linzong", pi, "leadershipApproval", "rejected", "預算過高");
    Task revise = task(pi, "reviseResearchPlan");
    assertThat(revise.getAssignee()).isEqualTo("chenjing");
    assertThat(runtime.getVariable(pi.getId(), "reviewComments")).isEqualTo("預算過高");
    Map<String, Object> noChannel = planForm();
    noChannel.put("channelQuestionnaire", false);
    noChannel.put("channelInterview", false);
    assertThat(fieldsOf(catchThrowable(() -> as.run("chenjing", () -> tasks.complete(revise.getId(), noChannel)))))
        .containsExactly("channelWebSearch");
    Map<String, Object> revised = planForm();
    revised.put("budget", 30_000);
    as.run("chenjing", () -> tasks.complete(revise.getId(), revised));
    executeJobs(pi);
    assertThat(research.planVersions(planId)).containsExactly(1, 2);
    assertThat(research.planContent(planId, 2).budgetMinor()).isEqualTo(3_000_000L);
    review("zhangwei", pi, "managerReview", "approved", null);
    review("linzong", pi, "leadershipApproval", "approved", null);
    executeJobs(pi);
    assertThat(research.plan(planId).approvedVersion()).isEqualTo(2);

    // §3.1.2 collection: the required channels block completion until each has an accepted source.
    assertThat(pi).isWaitingAt("collectInformation");
    Task collect = task(pi, "collectInformation");
    assertThat(runtime.getVariable(pi.getId(), "requiredChannels")).isEqualTo("問卷調查、訪談");
    Map<String, Object> onlyInterview = Map.of("newSources", "訪談 | 客戶A採購經理 | 價格敏感度高\n"
        + "問卷調查 | 街頭問卷 | 樣本不足 | 不採納");
    Throwable blocked = catchThrowable(() -> as.run("liuyang", () -> {
      tasks.claim(collect.getId(), "liuyang");
      tasks.complete(collect.getId(), onlyInterview);
    }));
    assertThat(fieldsOf(blocked)).containsExactly("newSources");
    assertThat(refusalIn(blocked).errors().get(0).messageZh()).contains("問卷調查").doesNotContain("訪談");
    assertThat(research.sources(planId)).isEmpty();

    // Questionnaire CSV over REST: bad rows refused by line number, nothing imported; then a good file.
    String bad = CSV + "R5,北區,個人,6,3,100\nR1,南區,個人,3,3,-5\n";
    ResponseEntity<Map> refused = postCsv("chenjing", planId, bad);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().toString()).contains("line 6", "line 7", "滿意度須為 1–5 的整數", "受訪者編號「R1」重複",
        "月預算");
    assertThat(research.responses(planId)).isEmpty();
    assertThat(postCsv("zhaolei", planId, CSV).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(postCsv("shenjian", planId, CSV).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<Map> imported = postCsv("chenjing", planId, CSV);
    assertThat(imported.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(imported.getBody().get("rows")).isEqualTo(4);
    assertThat(research.responses(planId)).extracting(ResearchRepository.Response::lineNo).containsExactly(2, 3, 4, 5);

    as.run("liuyang", () -> tasks.complete(collect.getId(), onlyInterview));
    assertThat(research.sources(planId)).extracting(ResearchRepository.Source::channel,
            ResearchRepository.Source::accepted, ResearchRepository.Source::recordedBy)
        .containsExactly(tuple(Channel.QUESTIONNAIRE, true, "chenjing"), tuple(Channel.INTERVIEW, true, "liuyang"),
            tuple(Channel.QUESTIONNAIRE, false, "liuyang"));
    ResponseEntity<String> sources = rest.withBasicAuth("shenjian", "shenjian")
        .getForEntity("/zhidu/api/research/" + planId + "/sources", String.class);
    assertThat(sources.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(sources.getBody()).contains("客戶A採購經理");

    // §3.1.3 analysis.
    executeJobs(pi);
    assertThat((String) runtime.getVariable(pi.getId(), "analysisSummary"))
        .contains("有效問卷:4 份", "滿意度(1–5):平均 3.50,中位數 3.50", "北區: 企業 1 個人 1(合計 2)", "南區: 企業 2 個人 0(合計 2)");

    // §3.1.4 report: every section required.
    Task write = task(pi, "writeResearchReport");
    assertThat(write.getAssignee()).isEqualTo("chenjing");
    Map<String, Object> partial = reportForm("v1");
    partial.put("conclusions", "");
    partial.put("recommendations", null);
    assertThat(fieldsOf(catchThrowable(() -> as.run("chenjing", () -> tasks.complete(write.getId(), partial)))))
        .containsExactlyInAnyOrder("conclusions", "recommendations");
    as.run("chenjing", () -> tasks.complete(write.getId(), reportForm("v1")));
    executeJobs(pi);
    assertThat(pi).isWaitingAt("reviewResearchReport");
    ProcessInstance reportReview = approvalOf(pi);
    assertThat(runtime.getVariable(reportReview.getId(), "subjectType")).isEqualTo("researchReport");
    assertThat((String) runtime.getVariable(reportReview.getId(), "subjectContent")).contains("引言", "結論v1");
    long v1Pdf = research.report(planId, 1).documentId();
    assertThat(runtime.getVariable(reportReview.getId(), "subjectLink")).isEqualTo("/zhidu/api/documents/" + v1Pdf);
    assertThat((String) runtime.getVariable(pi.getId(), "analysisLink")).startsWith("/zhidu/api/documents/");
    // The PDF: the five section titles, the key figures in Chinese, the charts as images, the CJK font embedded.
    byte[] pdf = documentStore.content(v1Pdf);
    String text = PdfDocuments.text(pdf);
    assertThat(text).contains("市場調研報告:南部中小企業設備需求調研(第1版)", "1、引言", "2、調研方法", "3、調研結果", "4、結論",
        "5、建議", "結論v1", "有效問卷 4 份", "滿意度(1–5)", "3.50", "1.29", "月預算(新台幣元)", "1,050.13", "北區", "企業");
    assertThat(PdfDocuments.images(pdf)).isEqualTo(3);
    java.nio.file.Files.write(java.nio.file.Path.of("target", "research-report-example.pdf"), pdf); // the guide's picture
    assertThat(PdfDocuments.fonts(pdf)).anyMatch(f -> f.contains("NotoSansTC") && f.endsWith("|true|true"));

    // §3.1.5 leadership rejects the report; the author revises; the new version is approved.
    review("zhangwei", pi, "managerReview", "approved", null);
    review("linzong", pi, "leadershipApproval", "rejected", "建議部分需量化");
    Task reviseReport = task(pi, "reviseResearchReport");
    assertThat(reviseReport.getAssignee()).isEqualTo("chenjing");
    as.run("chenjing", () -> tasks.complete(reviseReport.getId(), reportForm("v2")));
    executeJobs(pi);
    assertThat(research.reports(planId)).extracting(ResearchRepository.ReportVersion::version,
        ResearchRepository.ReportVersion::conclusions).containsExactly(tuple(1, "結論v1"), tuple(2, "結論v2"));
    review("zhangwei", pi, "managerReview", "approved", null);
    review("linzong", pi, "leadershipApproval", "approved", null);
    executeJobs(pi);
    assertThat(research.plan(planId).approvedReportVersion()).isEqualTo(2);
    long v2Pdf = research.report(planId, 2).documentId();
    assertThat(v2Pdf).isNotEqualTo(v1Pdf);
    assertThat(PdfDocuments.text(documentStore.content(v2Pdf))).contains("(第2版)", "結論v2").doesNotContain("結論v1");
    assertThat(runtime.getVariable(pi.getId(), "reportLink")).isEqualTo("/zhidu/api/documents/" + v2Pdf);
    assertThat(decisions.decisionsAbout("researchReport", String.valueOf(planId)))
        .extracting(ReviewDecision::subjectVersion, ReviewDecision::stage, ReviewDecision::decision)
        .containsExactly(tuple(1, "managerReview", "approved"), tuple(1, "leadershipApproval", "rejected"),
            tuple(2, "managerReview", "approved"), tuple(2, "leadershipApproval", "approved"));

    // Feedback to the recipients named in the plan.
    List<Task> feedback = tasks.createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey("receiveResearchResults").list();
    assertThat(feedback).extracting(Task::getAssignee).containsExactlyInAnyOrder("zhaolei", "zhangwei");
    assertThat(runtime.getVariable(pi.getId(), "resultsSummary")).isEqualTo("結論v2");
    for (Task t : feedback) {
      Map<String, Object> v = new HashMap<>();
      v.put("feedback", t.getAssignee().equals("zhaolei") ? "將納入銷售計劃" : null);
      as.run(t.getAssignee(), () -> tasks.complete(t.getId(), v));
    }
    assertThat(pi).isEnded().hasPassed("EndEvent_ResultsFedBack");
    assertThat(research.acknowledgedBy(planId)).containsExactlyInAnyOrder("zhaolei", "zhangwei");
  }

  @Test
  void badPlansAreRefusedNamingTheFieldsAndNothingStarts() {
    long before = instances();
    Map<String, Object> form = planForm();
    form.put("recipients", "zhaolei, nobody");
    form.put("purpose", " ");
    Throwable refused = catchThrowable(() -> startOnly("chenjing", form));
    assertThat(fieldsOf(refused)).containsExactlyInAnyOrder("purpose", "recipients");
    assertThat(refusalIn(refused).errors().toString()).contains("nobody");
    assertThat(instances()).isEqualTo(before);
  }

  @Test
  void onlyTheMarketResearchGroupProposesPlans() {
    long before = instances();
    assertThatThrownBy(() -> startOnly("zhaolei", planForm())).isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> startOnly("shenjian", planForm())).isInstanceOf(AuthorizationException.class);
    assertThat(refusalIn(catchThrowable(() -> startOnly("demo", planForm()))).status()).isEqualTo(403);
    assertThat(instances()).isEqualTo(before);
    // Through REST as a demo user: a salesperson is refused, a researcher may start.
    Map<String, Object> body = Map.of("variables", com.zhidu.DemoRest.variables(planForm()));
    String path = "/engine-rest/engine/" + processEngine.getName() + "/process-definition/key/market-research/start";
    assertThat(rest.withBasicAuth("sunli", "sunli").postForEntity(path, body, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.withBasicAuth("liuyang", "liuyang").postForEntity(path, body, String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void csvNeedsAPlanCollectingInformation() {
    ProcessInstance pi = propose("chenjing", planForm());
    long planId = planOf(pi).id();
    ResponseEntity<Map> early = postCsv("chenjing", planId, CSV);
    assertThat(early.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(postCsv("chenjing", 999_999, CSV).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(rest.postForEntity("/zhidu/api/research/" + planId + "/questionnaire", CSV, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    runtime.deleteProcessInstance(pi.getId(), "test");
  }

  // --- helpers

  static Map<String, Object> planForm() {
    Map<String, Object> form = new HashMap<>();
    form.put("title", "南部中小企業設備需求調研");
    form.put("purpose", "了解南部中小企業的設備更新需求與預算");
    form.put("scope", "台南、高雄的製造業中小企業");
    form.put("methods", "問卷調查與深度訪談");
    form.put("schedule", "第1–2週收集;第3週分析;第4週撰寫報告");
    form.put("budget", 50_000.50);
    form.put("channelWebSearch", false);
    form.put("channelIndustryReport", false);
    form.put("channelSiteVisit", false);
    form.put("channelQuestionnaire", true);
    form.put("channelInterview", true);
    form.put("recipients", "zhaolei, zhangwei");
    return form;
  }

  static Map<String, Object> reportForm(String tag) {
    Map<String, Object> form = new HashMap<>();
    form.put("introduction", "引言" + tag);
    form.put("method", "方法" + tag);
    form.put("results", "結果" + tag);
    form.put("conclusions", "結論" + tag);
    form.put("recommendations", "建議" + tag);
    return form;
  }

  private ResponseEntity<Map> postCsv(String user, long planId, String csv) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8));
    return rest.withBasicAuth(user, user).exchange("/zhidu/api/research/" + planId + "/questionnaire", HttpMethod.POST,
        new HttpEntity<>(csv, headers), Map.class);
  }

  private long instances() {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey("market-research").count();
  }

  private ProcessInstance startOnly(String user, Map<String, Object> form) {
    return as.call(user, () -> runtime.startProcessInstanceByKey("market-research", form));
  }

  private ProcessInstance propose(String user, Map<String, Object> form) {
    ProcessInstance pi = startOnly(user, form);
    executeJobs(pi);
    return pi;
  }

  private void executeJobs(ProcessInstance pi) {
    Jobs.executeAll(management, pi.getId());
  }

  private ResearchRepository.Plan planOf(ProcessInstance pi) {
    return research.findByProcess(pi.getId()).orElseThrow();
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
