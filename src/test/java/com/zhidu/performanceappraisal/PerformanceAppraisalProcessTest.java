package com.zhidu.performanceappraisal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zhidu.AsUser;
import com.zhidu.Jobs;
import com.zhidu.ProcessTestExtension;
import com.zhidu.ZhiduTest;
import com.zhidu.dismissalcase.DismissalCaseRepository;
import com.zhidu.reportapproval.ReviewDecision;
import com.zhidu.reportapproval.ReviewDecisionRepository;
import com.zhidu.dismissalcase.DismissalCaseRepository.DismissalCase;
import com.zhidu.performanceappraisal.AppraisalRepository.Appraisal;
import com.zhidu.performanceappraisal.AppraisalRepository.Evaluation;
import com.zhidu.performanceappraisal.AppraisalRepository.FollowUp;
import com.zhidu.performanceappraisal.SalesResults.Figures;
import com.zhidu.platform.Refusal;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
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
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
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

/**
 * performance-appraisal (§4.1, §4.2) and dismissal-case (§4.1.4): cycles opened by hand, the four
 * evaluations (peers never themselves, customers through a single-use link or the CRM group), the manager closing
 * a round with what is in, ratings with their follow-ups, proposals reviewed (and revised), and two consecutive
 * unqualified cycles opening a dismissal case — but one unqualified cycle followed by a qualified one not.
 * Each test uses its own periods (2020–2021), so the rating history of one test is not another's.
 */
@ZhiduTest
class PerformanceAppraisalProcessTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
  @RegisterExtension
  static final ProcessTestExtension processTest =
      ProcessTestExtension.fullyCovering("performance-appraisal", "dismissal-case");

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired AppraisalRepository appraisals;
  @Autowired DismissalCaseRepository cases;
  @Autowired ReviewDecisionRepository reviews;
  @Autowired FixedSalesResults sales;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate rest;
  AppraisalDriver driver;
  AsUser as;

  @BeforeEach
  void setUp() {
    driver = new AppraisalDriver(processEngine, appraisals, jdbc);
    as = new AsUser(identity);
  }

  @AfterEach
  void reset() {
    sales.clear();
  }

  @Test
  void crmCycleWithCustomerLinkPeersRatingsAndARevisedProposal() throws Exception {
    ProcessInstance cycle = driver.open("fengxue", "monthly", "2020-01", "crm");
    assertThat(cycle).isActive();
    long cycleId = (Long) runtime.getVariable(cycle.getId(), "cycleId");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(cycle.getId()).singleResult().getBusinessKey())
        .isEqualTo("APR-" + cycleId);
    assertThat(appraisals.cycle(cycleId).orElseThrow()).extracting(c -> c.openedBy(), c -> c.periodStart(),
        c -> c.periodEnd()).containsExactly("fengxue", LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 31));
    Appraisal zheng = driver.appraisal(cycle, "zhengxin");
    Appraisal xiao = driver.appraisal(cycle, "xiaoyu");
    assertThat(zheng).extracting(Appraisal::role, Appraisal::lineManager, a -> a.weights().customer())
        .containsExactly("crm", "wangfang", 25);
    assertThat(xiao.lineManager()).isEqualTo("zhengxin");

    // Four evaluations in parallel for each employee, each with the right person.
    assertThat(driver.task(cycle, "selfEvaluation", zheng.id())).isAssignedTo("zhengxin");
    assertThat(driver.task(cycle, "superiorEvaluation", zheng.id())).isAssignedTo("wangfang");
    Task peerOfZheng = driver.task(cycle, "peerEvaluation", zheng.id());
    assertThat(peerOfZheng).isAssignedTo("xiaoyu");
    assertThat(driver.task(cycle, "customerEvaluation", zheng.id())).hasCandidateGroup("crm");
    assertThat(driver.task(cycle, "peerEvaluation", xiao.id())).isAssignedTo("zhengxin");
    // No improvement plan from an earlier cycle: no review of one (§4.1.4).
    assertThat(driver.tasks(cycle, "reviewImprovementPlan", zheng.id())).isEmpty();
    assertThat(driver.tasks(cycle, "reviewImprovementPlan", xiao.id())).isEmpty();

    // Nobody evaluates themselves as a peer (or as their own superior): assigning it to them is refused.
    assertThatThrownBy(() -> tasks.setAssignee(peerOfZheng.getId(), "zhengxin"))
        .satisfies(e -> assertThat(refusal(e).status()).isEqualTo(403));
    assertThatThrownBy(() -> tasks.setAssignee(driver.task(cycle, "superiorEvaluation", xiao.id()).getId(), "xiaoyu"))
        .satisfies(e -> assertThat(refusal(e).status()).isEqualTo(403));
    assertThat(tasks.createTaskQuery().taskId(peerOfZheng.getId()).singleResult().getAssignee()).isEqualTo("xiaoyu");

    // Bad input: a score out of range, a missing comment: refused naming the field, nothing written.
    Map<String, Object> outOfRange = AppraisalDriver.scores(80);
    outOfRange.put("knowledge", 101);
    assertThatThrownBy(() -> driver.complete("xiaoyu", peerOfZheng, outOfRange)).satisfies(e ->
        assertThat(refusal(e).errors()).extracting(Refusal.Error::field).contains("knowledge"));
    Map<String, Object> noComment = AppraisalDriver.scores(80);
    noComment.remove("comment");
    assertThatThrownBy(() -> driver.complete("xiaoyu", peerOfZheng, noComment)).satisfies(e ->
        assertThat(refusal(e).errors()).extracting(Refusal.Error::field).contains("comment"));
    assertThat(appraisals.evaluations(zheng.id())).isEmpty();

    // The peer's scores stay task-local: the employee's own task does not show them.
    driver.complete("xiaoyu", peerOfZheng, AppraisalDriver.scores(96));
    Task selfOfZheng = driver.task(cycle, "selfEvaluation", zheng.id());
    Map<String, Object> seenByEmployee = as.call("zhengxin", () -> tasks.getVariables(selfOfZheng.getId()));
    assertThat(seenByEmployee.get("knowledge")).isNull();
    assertThat(seenByEmployee.get("comment")).isNull();
    assertThat(seenByEmployee.values()).doesNotContain(96);
    assertThat(runtime.getVariables(cycle.getId())).doesNotContainKeys("knowledge", "comment");

    // The customer evaluates zhengxin through a single-use link issued by the CRM group.
    ResponseEntity<String> salesIssuing = issueLink("sunli", zheng.id(), "華南精密機械有限公司");
    assertThat(salesIssuing.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> issued = issueLink("xiaoyu", zheng.id(), "華南精密機械有限公司");
    assertThat(issued.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String token = JSON.readTree(issued.getBody()).get("token").asText();
    assertThat(JSON.readTree(issued.getBody()).get("url").asText()).endsWith("/zhidu/public/appraisal/" + token);

    ResponseEntity<String> page = rest.getForEntity("/zhidu/public/appraisal/" + token, String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("鄭欣").contains("name=\"knowledge\"");
    String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
    assertThat(rest.getForEntity("/zhidu/public/appraisal/" + tampered, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    Map<String, Object> customerScores = AppraisalDriver.scores(94);
    customerScores.put("execution", -1);
    ResponseEntity<String> badScores = submit(token, customerScores);
    assertThat(badScores.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(badScores.getBody()).contains("execution");
    assertThat(submit(tampered, AppraisalDriver.scores(94)).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(appraisals.evaluations(zheng.id())).extracting(Evaluation::source).containsExactly("peer");

    assertThat(submit(token, AppraisalDriver.scores(94)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(driver.tasks(cycle, "customerEvaluation", zheng.id())).as("the CRM task ends with the link").isEmpty();
    ResponseEntity<String> again = submit(token, AppraisalDriver.scores(10));
    assertThat(again.getStatusCode()).as("a link works once").isEqualTo(HttpStatus.CONFLICT);
    assertThat(rest.getForEntity("/zhidu/public/appraisal/" + token, String.class).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
    assertThat(appraisals.evaluations(zheng.id())).filteredOn(e -> e.source().equals("customer"))
        .extracting(Evaluation::recordedBy, Evaluation::knowledge).containsExactly(tuple("customerLink", 94));

    // An expired link is refused, and writes nothing.
    String expiring = JSON.readTree(issueLink("zhengxin", xiao.id(), "台中機電有限公司").getBody()).get("token").asText();
    ClockUtil.setCurrentTime(Date.from(Instant.now().plusSeconds(15 * 86_400L)));
    assertThat(submit(expiring, AppraisalDriver.scores(50)).getStatusCode()).isEqualTo(HttpStatus.GONE);
    ClockUtil.reset();
    assertThat(appraisals.evaluations(xiao.id())).isEmpty();

    // The rest of zhengxin's evaluations (no customer task left), xiaoyu's with the CRM group recording for the customer.
    driver.complete("zhengxin", selfOfZheng, AppraisalDriver.scores(92));
    driver.complete("wangfang", driver.task(cycle, "superiorEvaluation", zheng.id()), withResults(95, 95));
    driver.evaluateAll(cycle, "xiaoyu", 78, 80);
    assertThat(appraisals.evaluations(xiao.id())).extracting(Evaluation::source, Evaluation::recordedBy)
        .containsExactlyInAnyOrder(tuple("self", "xiaoyu"), tuple("superior", "zhengxin"), tuple("peer", "zhengxin"),
            tuple("customer", "zhengxin"));

    Appraisal zhengRated = appraisals.get(zheng.id());
    assertThat(zhengRated.rating()).isEqualTo("優秀");
    assertThat(zhengRated.score()).isGreaterThanOrEqualTo(new BigDecimal("90"));
    assertThat(zhengRated).extracting(Appraisal::payAdjustmentPercent, Appraisal::bonusAmount, Appraisal::commissionAmount,
        Appraisal::proposalStatus).containsExactly(5, 3_000_000L, 0L, "proposed");
    Appraisal xiaoRated = appraisals.get(xiao.id());
    assertThat(xiaoRated.rating()).isEqualTo("良好");
    assertThat(xiaoRated.score()).isEqualByComparingTo("78.6");

    // The employee sees only their own results, without anyone else's evaluations.
    JsonNode own = period(JSON.readTree(get("zhengxin", "/zhidu/api/appraisal/results").getBody()), "2020-01");
    assertThat(own.get("rating").asText()).isEqualTo("優秀");
    assertThat(own.get("employeeId").asText()).isEqualTo("zhengxin");
    assertThat(own.get("evaluations").has("self")).isTrue();
    assertThat(own.get("evaluations").has("peer")).isFalse();
    assertThat(own.get("evaluations").has("customer")).isFalse();
    assertThat(get("xiaoyu", "/zhidu/api/appraisal/results?employee=zhengxin").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    JsonNode asManager = period(JSON.readTree(get("wangfang", "/zhidu/api/appraisal/results?employee=zhengxin")
        .getBody()), "2020-01");
    assertThat(asManager.get("evaluations").get("peer").get("count").asInt()).isEqualTo(1);
    assertThat(get("fengxue", "/zhidu/api/appraisal/results?employee=xiaoyu").getStatusCode()).isEqualTo(HttpStatus.OK);

    // Proposals: zhengxin's approved; xiaoyu's sent back by the manager, revised by the line manager, approved.
    driver.reviewProposal(cycle, zheng.id(), true);
    assertThat(appraisals.get(zheng.id()).proposalStatus()).isEqualTo("approved");
    driver.reviewProposal(cycle, xiao.id(), false);
    Task revise = driver.task(cycle, "reviseProposal", xiao.id());
    assertThat(revise).isAssignedTo("zhengxin");
    assertThatThrownBy(() -> driver.complete("zhengxin", revise, Map.of("payAdjustmentPercent", 2,
        "bonusAmount", 1_000_000, "commissionAmount", 0))).satisfies(e ->
        assertThat(refusal(e).errors()).extracting(Refusal.Error::field).contains("revisionComment"));
    driver.complete("zhengxin", revise, Map.of("payAdjustmentPercent", 2, "bonusAmount", 1_000_000,
        "commissionAmount", 0, "revisionComment", "依預算調低獎金"));
    driver.reviewProposal(cycle, xiao.id(), true);
    assertThat(appraisals.get(xiao.id())).extracting(Appraisal::payAdjustmentPercent, Appraisal::bonusAmount,
        Appraisal::proposalStatus).containsExactly(2, 1_000_000L, "approved");

    // 優秀 → reward and promotion nomination; 良好 → development goals, training suggestion, HR arranges training.
    driver.reward(cycle, appraisals.get(zheng.id()), true);
    driver.developmentAndTraining(cycle, appraisals.get(xiao.id()));
    assertThat(cycle).isEnded().hasPassed("rewardAndPromotion", "developmentGoals", "arrangeTraining",
        "Boundary_CustomerLink", "customerEvaluation", "reviseProposal", "EndEvent_CycleDone");
    assertThat(appraisals.followUps(zheng.id())).extracting(FollowUp::kind, FollowUp::recordedBy).containsExactly(
        tuple("commendation", "wangfang"), tuple("promotionNomination", "wangfang"));
    assertThat(appraisals.followUps(xiao.id())).extracting(FollowUp::kind).containsExactly("proposalRevision",
        "developmentGoals", "trainingSuggestion", "trainingArranged");
    assertThat(appraisals.get(xiao.id()).status()).isEqualTo(AppraisalRepository.CLOSED);
    assertThat(appraisals.cycle(cycleId).orElseThrow().closedAt()).isNotNull();
    assertThat(cases.all()).noneMatch(c -> c.employeeId().equals("zhengxin") || c.employeeId().equals("xiaoyu"));
  }

  @Test
  void twoConsecutiveUnqualifiedOpenADismissalCaseButUnqualifiedThenQualifiedDoesNot() {
    ProcessInstance march = driver.open("zhangwei", "monthly", "2020-03", "operationsAnalysis");
    driver.evaluateAll(march, "huangmin", 40, 40);
    driver.evaluateAll(march, "xuhui", 35, 30);
    for (String employee : List.of("huangmin", "xuhui")) {
      Appraisal a = driver.appraisal(march, employee);
      assertThat(a.rating()).isEqualTo("不合格");
      assertThat(driver.tasks(march, "customerEvaluation", a.id())).isEmpty();
      driver.reviewProposal(march, a.id(), true);
      driver.interview(march, a);
    }
    assertThat(march).isEnded().hasPassed("performanceInterview", "checkConsecutive")
        .hasNotPassed("openDismissalCase");
    assertThat(appraisals.followUps(driver.appraisal(march, "xuhui").id())).extracting(FollowUp::kind,
        FollowUp::recordedBy).containsExactly(tuple("performanceInterview", "huangmin"), tuple("improvementPlan", "huangmin"));

    // A quarterly cycle in between does not count: consecutive means the same kind.
    ProcessInstance april = driver.open("fengxue", "monthly", "2020-04", "operationsAnalysis");
    // §4.1.4: March's improvement plans are reviewed by the line manager in April's round; the goals are shown.
    Appraisal xuhuiInApril = driver.appraisal(april, "xuhui");
    Task review = driver.task(april, "reviewImprovementPlan", xuhuiInApril.id());
    assertThat(review).isAssignedTo("huangmin");
    assertThat(tasks.getVariable(review.getId(), "openImprovementGoals")).isEqualTo("下期每週拜訪客戶至少五家,月底檢討");
    assertThatThrownBy(() -> driver.complete("huangmin", review, Map.of("improvementGoalsMet", "maybe")))
        .satisfies(e -> assertThat(refusal(e).errors()).extracting(Refusal.Error::field).containsExactly("improvementGoalsMet"));
    // The employee may not record the outcome of their own plan: the task is the line manager's.
    assertThatThrownBy(() -> driver.complete("xuhui", review, Map.of("improvementGoalsMet", "met")))
        .isInstanceOf(AuthorizationException.class);
    long marchPlan = jdbc.queryForObject("select id from appraisal_follow_up where kind = 'improvementPlan'"
        + " and appraisal_id = ?", Long.class, driver.appraisal(march, "xuhui").id());
    assertThat(appraisals.improvementPlanOutcome(marchPlan)).isEmpty();
    driver.complete("huangmin", review, Map.of("improvementGoalsMet", "notMet", "improvementComment", "拜訪數仍不足"));
    assertThat(appraisals.improvementPlanOutcome(marchPlan)).containsExactly(
        List.of("notMet", "huangmin", Long.toString(xuhuiInApril.id())));
    assertThat(appraisals.followUps(xuhuiInApril.id())).extracting(FollowUp::kind, FollowUp::content,
        FollowUp::recordedBy).containsExactly(tuple("improvementReview",
        "notMet:下期每週拜訪客戶至少五家,月底檢討(拜訪數仍不足)", "huangmin"));
    assertThat(appraisals.openImprovementPlans("xuhui", "monthly", LocalDate.of(2020, 5, 1))).isEmpty();
    driver.evaluateAll(april, "huangmin", 66, 65);
    driver.evaluateAll(april, "xuhui", 30, 20);
    Appraisal huangmin = driver.appraisal(april, "huangmin");
    Appraisal xuhui = driver.appraisal(april, "xuhui");
    assertThat(huangmin.rating()).isEqualTo("合格");
    assertThat(xuhui.rating()).isEqualTo("不合格");
    driver.reviewProposal(april, huangmin.id(), true);
    driver.reviewProposal(april, xuhui.id(), true);
    driver.developmentAndTraining(april, huangmin);
    driver.interview(april, xuhui);
    assertThat(april).isEnded().hasPassed("openDismissalCase");

    assertThat(cases.all()).filteredOn(c -> c.employeeId().equals("huangmin")).isEmpty();
    DismissalCase opened = cases.all().stream().filter(c -> c.appraisalId() == xuhui.id()).findFirst().orElseThrow();
    assertThat(opened).extracting(DismissalCase::status, DismissalCase::previousAppraisalId)
        .containsExactly(DismissalCaseRepository.OPEN, driver.appraisal(march, "xuhui").id());
    ProcessInstance dismissal = runtime.createProcessInstanceQuery().processInstanceBusinessKey("DSM-" + opened.id())
        .singleResult();
    assertThat(dismissal).isWaitingAt("prepareDismissalCase");
    assertThat(task(dismissal, "prepareDismissalCase")).hasCandidateGroup("hr");
    // Never automatic: nothing is decided until HR prepares it and the manager and the leadership approve.
    assertThat(cases.find(opened.id()).orElseThrow().decidedAt()).isNull();

    // HR sees dismissal cases; sales do not; nor can a salesperson see HR's task.
    assertThat(get("fengxue", "/zhidu/api/appraisal/dismissal-cases").getBody()).contains("xuhui");
    assertThat(get("sunli", "/zhidu/api/appraisal/dismissal-cases").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(as.call("sunli", () -> tasks.createTaskQuery().processInstanceId(dismissal.getId()).count())).isZero();

    Task prepare = task(dismissal, "prepareDismissalCase");
    assertThatThrownBy(() -> driver.complete("fengxue", prepare, Map.of("facts", "2020-03、2020-04 月度考核均不合格",
        "recommendation", "dismiss"))).satisfies(e ->
        assertThat(refusal(e).errors()).extracting(Refusal.Error::field).contains("legalBasis"));
    assertThat(cases.find(opened.id()).orElseThrow().legalBasis()).isNull();
    driver.complete("fengxue", task(dismissal, "prepareDismissalCase"), Map.of("facts",
        "2020-03、2020-04 月度考核均不合格,已面談並有改進計劃", "legalBasis", "勞動基準法第11條第5款", "recommendation", "dismiss"));
    assertThat(cases.find(opened.id()).orElseThrow()).extracting(DismissalCase::status, DismissalCase::preparedBy,
        DismissalCase::legalBasis).containsExactly("inReview", "fengxue", "勞動基準法第11條第5款");
    // 會簽 (§4.1.4): the department manager and the leadership each get their own task.
    assertThat(approvals(dismissal)).extracting(Task::getAssignee).containsExactlyInAnyOrder("zhangwei", "linzong");
    Task managersApproval = approval(dismissal, "zhangwei");
    // Wrong role: neither HR nor a salesperson may decide an approver's task.
    assertThatThrownBy(() -> as.run("sunli", () -> tasks.complete(managersApproval.getId(),
        Map.of("decision", "approved")))).isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> as.run("fengxue", () -> tasks.complete(managersApproval.getId(),
        Map.of("decision", "approved")))).isInstanceOf(AuthorizationException.class);
    // 加簽 applies the step's four-eyes rules: neither HR's preparer nor the employee can be added as an approver.
    for (String excluded : List.of("fengxue", "xuhui")) {
      ResponseEntity<String> added = rest.withBasicAuth("zhangwei", "zhangwei").exchange("/zhidu/api/tasks/"
          + managersApproval.getId() + "/signers", HttpMethod.POST, new HttpEntity<>(Map.of("userId", excluded,
          "reason", "請協助審批")), String.class);
      assertThat(added.getStatusCode()).as(added.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(added.getBody()).contains("§1.3.3").contains("\"field\":\"userId\"");
    }
    assertThat(tasks.getSubTasks(managersApproval.getId())).isEmpty();
    approveCase(dismissal, true);
    assertThat(dismissal).isEnded().hasPassed("recordDismissalApproved", "EndEvent_DismissalApproved");
    assertThat(reviews.decisionsAbout("dismissalCase", Long.toString(opened.id())))
        .extracting(ReviewDecision::decidedBy, ReviewDecision::decision)
        .containsExactly(tuple("zhangwei", "approved"), tuple("linzong", "approved"));
    assertThat(cases.find(opened.id()).orElseThrow()).extracting(DismissalCase::status).isEqualTo("approved");

    // The other two ends of a case: the approval refused, and HR not recommending dismissal.
    DismissalCase refused = cases.open("huangmin", driver.appraisal(march, "huangmin").id(), huangmin.id());
    ProcessInstance second = startCase(refused);
    driver.complete("fengxue", task(second, "prepareDismissalCase"), Map.of("facts", "事實", "legalBasis",
        "勞動基準法第11條第5款", "recommendation", "dismiss"));
    // A rejection needs a comment (as in every review).
    assertThatThrownBy(() -> driver.complete("linzong", approval(second, "linzong"), Map.of("decision", "rejected")))
        .satisfies(e -> assertThat(refusal(e).errors()).extracting(Refusal.Error::field).containsExactly("comment"));
    approveCase(second, false);
    assertThat(second).isEnded().hasPassed("recordDismissalRejected").hasNotPassed("recordDismissalApproved");
    assertThat(cases.find(refused.id()).orElseThrow().status()).isEqualTo("rejected");
    DismissalCase notRecommended = cases.open("huangmin", huangmin.id(), driver.appraisal(march, "huangmin").id());
    ProcessInstance third = startCase(notRecommended);
    driver.complete("fengxue", task(third, "prepareDismissalCase"), Map.of("facts", "已明顯改善", "legalBasis",
        "勞動基準法第11條第5款", "recommendation", "noDismissal"));
    assertThat(third).isEnded().hasPassed("recordNotRecommended");
    assertThat(cases.find(notRecommended.id()).orElseThrow().status()).isEqualTo("notRecommended");
  }

  @Test
  void managerClosesARoundWithMissingEvaluationsAndSalesFiguresFillTheResults() {
    sales.set("zhaolei", new Figures(10_000_000L, 12_000_000L, 9_000_000L));
    ProcessInstance cycle = driver.open("zhangwei", "quarterly", "2020-Q2", "salesManagement");
    Appraisal zhaolei = driver.appraisal(cycle, "zhaolei");
    assertThat(zhaolei).extracting(Appraisal::role, Appraisal::resultsScore, Appraisal::resultsSource,
        Appraisal::salesCollected).containsExactly("salesManagement", 100, "salesAnalysis", 9_000_000L);
    assertThat(driver.tasks(cycle, "peerEvaluation", zhaolei.id())).as("no team members, no peers").isEmpty();
    driver.complete("zhaolei", driver.task(cycle, "selfEvaluation", zhaolei.id()), AppraisalDriver.scores(90));

    // The round's duration passes with the superior's and the customer's evaluations missing.
    ClockUtil.setCurrentTime(Date.from(Instant.now().plusSeconds(15 * 86_400L)));
    Jobs.executeAll(management, cycle.getId());
    Task review = driver.task(cycle, "reviewOpenRound", zhaolei.id());
    assertThat(review).isAssignedTo("wangfang");
    driver.complete("wangfang", review, Map.of("roundDecision", "close", "roundComment", "客戶未回覆,以現有評價結束"));
    assertThat(driver.tasks(cycle, "superiorEvaluation", zhaolei.id())).isEmpty();
    assertThat(driver.tasks(cycle, "customerEvaluation", zhaolei.id())).isEmpty();

    Appraisal rated = appraisals.get(zhaolei.id());
    assertThat(rated.roundClosedBy()).isEqualTo("wangfang");
    // 40 % results (100) + 60 % ability and attitude, from the only evaluation in: the self-evaluation (90).
    assertThat(rated.score()).isEqualByComparingTo("94.0");
    assertThat(rated).extracting(Appraisal::rating, Appraisal::commissionAmount).containsExactly("優秀", 270_000L);
    driver.reviewProposal(cycle, zhaolei.id(), true);
    driver.reward(cycle, rated, false);
    assertThat(cycle).isEnded().hasPassed("Boundary_RoundClosed", "EndEvent_RoundClosed");
    assertThat(appraisals.followUps(zhaolei.id())).extracting(FollowUp::kind).containsExactly("roundClosed",
        "commendation");
  }

  @Test
  void managerMayKeepWaitingAfterTheRoundsDuration() {
    ProcessInstance cycle = driver.open("zhangwei", "annual", "2020", "operationsAnalysis");
    Appraisal xuhui = driver.appraisal(cycle, "xuhui");
    ClockUtil.setCurrentTime(Date.from(Instant.now().plusSeconds(15 * 86_400L)));
    Jobs.executeAll(management, cycle.getId());
    Task review = driver.task(cycle, "reviewOpenRound", xuhui.id());
    assertThatThrownBy(() -> driver.complete("huangmin", review, Map.of("roundComment", "?"))).satisfies(e ->
        assertThat(refusal(e).errors()).extracting(Refusal.Error::field).contains("roundDecision"));
    driver.complete("huangmin", review, Map.of("roundDecision", "wait"));
    assertThat(driver.task(cycle, "selfEvaluation", xuhui.id())).as("still open").isNotNull();
    assertThat(appraisals.get(xuhui.id()).roundClosedBy()).isNull();
    assertThat(cycle).hasPassed("EndEvent_KeepWaiting");
    runtime.deleteProcessInstance(cycle.getId(), "test done");
  }

  @Test
  void startingByHandIsForHrAndTheManagerWithAValidEndedPeriod() {
    assertThatThrownBy(() -> driver.open("fengxue", "monthly", "2020-Q1", "crm")).satisfies(e ->
        assertThat(refusal(e).errors()).extracting(Refusal.Error::field).containsExactly("period"));
    assertThatThrownBy(() -> driver.open("fengxue", "monthly", "2099-01", "crm")).satisfies(e ->
        assertThat(refusal(e).errors()).extracting(Refusal.Error::field).containsExactly("period"));
    assertThatThrownBy(() -> driver.open("fengxue", "weekly", null, null)).isInstanceOf(Exception.class);
    assertThatThrownBy(() -> driver.open("sunli", "monthly", "2021-05", "crm")).isInstanceOf(Exception.class);
    assertThat(jdbc.queryForObject("select count(*) from appraisal_cycle where period_label in ('2020-Q1', '2099-01',"
        + " '2021-05')", Integer.class)).isZero();
    ProcessInstance first = driver.open("fengxue", "monthly", "2021-06", "crm");
    assertThatThrownBy(() -> driver.open("zhangwei", "monthly", "2021-06", "crm")).satisfies(e ->
        assertThat(refusal(e).status()).isEqualTo(409));
    runtime.deleteProcessInstance(first.getId(), "test done");
  }

  ProcessInstance startCase(DismissalCase c) {
    ProcessInstance instance = runtime.startProcessInstanceByKey("dismissal-case", "DSM-" + c.id(),
        Map.of("caseId", c.id(), "employeeId", c.employeeId(), "kind", "monthly"));
    cases.processInstance(c.id(), instance.getId());
    return instance;
  }

  /**
   * 會簽: approved only when both approve (the case waits for the second after the first approval); one rejection
   * ends it at once as not approved and withdraws the other approver's task.
   */
  void approveCase(ProcessInstance dismissal, boolean approve) {
    if (approve) {
      driver.complete("zhangwei", approval(dismissal, "zhangwei"), Map.of("decision", "approved"));
      assertThat(dismissal).isWaitingAt("approveDismissal");
      assertThat(approvals(dismissal)).extracting(Task::getAssignee).containsExactly("linzong");
      driver.complete("linzong", approval(dismissal, "linzong"), Map.of("decision", "approved"));
    } else {
      driver.complete("linzong", approval(dismissal, "linzong"),
          Map.of("decision", "rejected", "comment", "證據不足,不同意解僱"));
      assertThat(approvals(dismissal)).as("the manager's task is withdrawn").isEmpty();
    }
  }

  List<Task> approvals(ProcessInstance dismissal) {
    return tasks.createTaskQuery().processInstanceId(dismissal.getId()).taskDefinitionKey("approveDismissal").list();
  }

  Task approval(ProcessInstance dismissal, String approver) {
    return approvals(dismissal).stream().filter(t -> approver.equals(t.getAssignee())).findFirst().orElseThrow();
  }

  Task task(ProcessInstance instance, String key) {
    return tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).singleResult();
  }

  static Map<String, Object> withResults(int score, int results) {
    Map<String, Object> values = AppraisalDriver.scores(score);
    values.put("resultsScore", results);
    return values;
  }

  ResponseEntity<String> issueLink(String user, long appraisalId, String customer) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return rest.withBasicAuth(user, user).exchange("/zhidu/api/appraisal/" + appraisalId + "/customer-links",
        HttpMethod.POST, new HttpEntity<>(Map.of("customerName", customer), headers), String.class);
  }

  ResponseEntity<String> submit(String token, Map<String, Object> scores) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return rest.exchange("/zhidu/public/appraisal/" + token, HttpMethod.POST, new HttpEntity<>(new HashMap<>(scores),
        headers), String.class);
  }

  ResponseEntity<String> get(String user, String path) {
    return rest.withBasicAuth(user, user).getForEntity(path, String.class);
  }

  static JsonNode period(JsonNode results, String period) {
    for (JsonNode result : results) {
      if (result.get("period").asText().equals(period)) {
        return result;
      }
    }
    throw new AssertionError("no result for " + period + " in " + results);
  }

  static Refusal refusal(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Refusal refusal) {
        return refusal;
      }
    }
    throw new AssertionError("not a refusal: " + e, e);
  }
}
