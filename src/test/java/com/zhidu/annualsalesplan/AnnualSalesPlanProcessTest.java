package com.zhidu.annualsalesplan;

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
import com.zhidu.annualsalesplan.SalesPlanRepository.Acknowledgement;
import com.zhidu.annualsalesplan.SalesPlanRepository.SalesPlan;
import com.zhidu.annualsalesplan.TargetBreakdown.Target;
import com.zhidu.platform.Refusal;
import com.zhidu.reportapproval.ReviewDecision;
import com.zhidu.reportapproval.ReviewDecisionRepository;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** annual-sales-plan (§3.2.1, §3.2.2): draft, review with revision, break down, acknowledge. */
@ZhiduTest
class AnnualSalesPlanProcessTest {

  @RegisterExtension
  static final ProcessTestExtension processTest = ProcessTestExtension.fullyCovering("annual-sales-plan");

  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired SalesPlanRepository plans;
  @Autowired ReviewDecisionRepository decisions;
  @Autowired JdbcTemplate jdbc;
  AsUser as;

  @BeforeEach
  void setUp() {
    as = new AsUser(identity);
  }

  @Test
  void approvedFirstTimeBrokenDownAndAcknowledgedByEverySalesperson() {
    ProcessInstance pi = draft("zhaolei", planForm());
    SalesPlan plan = planOf(pi);
    assertThat(plan.author()).isEqualTo("zhaolei");
    assertThat(plan.year()).isEqualTo(2027);
    assertThat(plan.status()).isEqualTo(SalesPlanRepository.IN_REVIEW);
    assertThat(plans.versions(plan.id())).containsExactly(1);
    assertThat(plans.latestContent(plan.id()).targetMinor()).isEqualTo(1_000_001L);
    assertThat(pi).isWaitingAt("reviewPlan");
    ProcessInstance review = approvalOf(pi);
    assertThat(runtime.getVariable(review.getId(), "subjectType")).isEqualTo("salesPlan");
    assertThat(runtime.getVariable(review.getId(), "author")).isEqualTo("zhaolei");
    assertThat(runtime.getVariable(review.getId(), "area")).isEqualTo("salesManagement");

    review("zhangwei", pi, "managerReview", "approved", null);
    review("linzong", pi, "leadershipApproval", "approved", "同意");
    executeJobs(pi);

    plan = plans.plan(plan.id());
    assertThat(plan.status()).isEqualTo(SalesPlanRepository.APPROVED);
    assertThat(plan.approvedVersion()).isEqualTo(1);
    List<Target> targets = plans.targets(plan.id());
    assertThat(targets).hasSize(8 + 24 + 12 + 36);
    for (String level : List.of(TargetBreakdown.TEAM, TargetBreakdown.PERSON)) {
      for (boolean quarters : List.of(true, false)) {
        assertThat(targets.stream().filter(t -> t.level().equals(level) && TargetBreakdown.isQuarter(t.period()) == quarters)
            .mapToLong(Target::amountMinor).sum()).as("%s quarters=%s", level, quarters).isEqualTo(1_000_001L);
      }
    }

    assertThat(pi).isWaitingAt("acknowledgeTargets");
    List<Task> acks = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("acknowledgeTargets").list();
    assertThat(acks).extracting(Task::getAssignee).containsExactlyInAnyOrder("sunli", "zhouqiang", "wuming");
    Task wumings = acks.stream().filter(t -> t.getAssignee().equals("wuming")).findFirst().orElseThrow();
    assertThat((String) tasks.getVariableLocal(wumings.getId(), "myTargets"))
        .contains("全年合計:新台幣 4,000.00 元", "2027-Q1", "2027-12");
    assertThat((String) tasks.getVariableLocal(wumings.getId(), "targetKpis")).contains("回款率");

    acknowledge("sunli", pi, "收到");
    acknowledge("zhouqiang", pi, null);
    acknowledge("wuming", pi, null);

    assertThat(pi).isEnded().hasPassed("breakDownSalesTargets", "EndEvent_TargetsAcknowledged").hasNotPassed("revisePlan");
    assertThat(plans.acknowledgements(plan.id()))
        .extracting(Acknowledgement::salesperson, Acknowledgement::acknowledgedBy, Acknowledgement::feedback)
        .containsExactly(tuple("sunli", "sunli", "收到"), tuple("zhouqiang", "zhouqiang", null), tuple("wuming", "wuming", null));
    assertThat(plans.acknowledgements(plan.id())).allSatisfy(a -> assertThat(a.acknowledgedAt()).isNotNull());
  }

  @Test
  void managerRejectsAuthorRevisesNewVersionIsApprovedAndBrokenDown() {
    ProcessInstance pi = draft("zhaolei", planForm());
    SalesPlan plan = planOf(pi);

    review("zhangwei", pi, "managerReview", "rejected", "南區目標偏低");
    Task revise = task(pi, "revisePlan");
    assertThat(revise.getAssignee()).isEqualTo("zhaolei");
    assertThat(runtime.getVariable(pi.getId(), "reviewComments")).isEqualTo("南區目標偏低");

    // A bad revision is refused and leaves the task open.
    Map<String, Object> bad = planForm();
    bad.put("teamShares", "salesTeamNorth | 50\nsalesTeamSouth | 40");
    assertThat(fieldsOf(catchThrowable(() -> as.run("zhaolei", () -> tasks.complete(revise.getId(), bad)))))
        .containsExactly("teamShares");
    assertThat(task(pi, "revisePlan")).isNotNull();
    // The plan's year is fixed once drafted (read-only in the revise form).
    Map<String, Object> otherYear = planForm();
    otherYear.put("year", 2028);
    assertThat(fieldsOf(catchThrowable(() -> as.run("zhaolei", () -> tasks.complete(revise.getId(), otherYear)))))
        .containsExactly("year");

    Map<String, Object> revised = planForm();
    revised.put("annualTarget", 20_000);
    revised.put("teamShares", "salesTeamNorth | 50\nsalesTeamSouth | 50");
    as.run("zhaolei", () -> tasks.complete(revise.getId(), revised));
    executeJobs(pi);
    assertThat(plans.versions(plan.id())).containsExactly(1, 2);
    assertThat(plans.content(plan.id(), 1).targetMinor()).isEqualTo(1_000_001L);
    assertThat(plans.content(plan.id(), 2).targetMinor()).isEqualTo(2_000_000L);
    assertThat(plans.createdByOf(plan.id(), 2)).isEqualTo("zhaolei");

    review("zhangwei", pi, "managerReview", "approved", null);
    review("linzong", pi, "leadershipApproval", "approved", null);
    executeJobs(pi);

    assertThat(plans.plan(plan.id()).approvedVersion()).isEqualTo(2);
    assertThat(decisions.decisionsAbout("salesPlan", String.valueOf(plan.id())))
        .extracting(ReviewDecision::subjectVersion, ReviewDecision::stage, ReviewDecision::decision)
        .containsExactly(tuple(1, "managerReview", "rejected"), tuple(2, "managerReview", "approved"),
            tuple(2, "leadershipApproval", "approved"));
    List<Target> teamQuarters = plans.targets(plan.id()).stream()
        .filter(t -> t.level().equals(TargetBreakdown.TEAM) && TargetBreakdown.isQuarter(t.period())).toList();
    assertThat(teamQuarters.stream().filter(t -> t.owner().equals("salesTeamSouth")).mapToLong(Target::amountMinor).sum())
        .isEqualTo(1_000_000L);
    assertThat(pi).hasPassed("revisePlan", "storeRevisedSalesPlan").isWaitingAt("acknowledgeTargets");
  }

  @Test
  void badPlansAreRefusedNamingTheFieldAndNothingIsSaved() {
    long before = count();
    long instances = instances();
    Map<String, Object> shares = planForm();
    shares.put("teamShares", "salesTeamNorth | 60\nsalesTeamSouth | 30");
    assertThat(fieldsOf(catchThrowable(() -> startOnly("zhaolei", shares)))).containsExactly("teamShares");

    Map<String, Object> personShares = planForm();
    personShares.put("personShares", "salesTeamNorth | sunli | 50\nsalesTeamNorth | zhouqiang | 40\nsalesTeamSouth | wuming | 100");
    Throwable personRefused = catchThrowable(() -> startOnly("zhaolei", personShares));
    assertThat(fieldsOf(personRefused)).containsExactly("personShares");
    assertThat(refusalIn(personRefused).errors().get(0).messageZh()).contains("salesTeamNorth", "合計必須為 100");

    Map<String, Object> negative = planForm();
    negative.put("annualTarget", -5);
    assertThat(fieldsOf(catchThrowable(() -> startOnly("zhaolei", negative)))).containsExactly("annualTarget");

    Map<String, Object> stranger = planForm();
    stranger.put("personShares", "salesTeamNorth | sunli | 50\nsalesTeamNorth | wuming | 50\nsalesTeamSouth | wuming | 100");
    Throwable strangerRefused = catchThrowable(() -> startOnly("zhaolei", stranger));
    assertThat(fieldsOf(strangerRefused)).contains("personShares");
    assertThat(refusalIn(strangerRefused).errors().get(0).messageZh()).contains("wuming", "不是 salesTeamNorth 的成員");

    Map<String, Object> seasons = planForm();
    seasons.put("seasonQ1", 10);
    seasons.put("seasonQ2", 10);
    seasons.put("seasonQ3", 10);
    seasons.put("seasonQ4", 10);
    assertThat(fieldsOf(catchThrowable(() -> startOnly("zhaolei", seasons)))).containsExactly("seasonQ1");

    assertThat(count()).isEqualTo(before);
    assertThat(instances()).isEqualTo(instances);
  }

  @Test
  void onlyTheSalesManagementGroupDraftsThePlan() {
    long instances = instances();
    assertThatThrownBy(() -> startOnly("sunli", planForm())).isInstanceOf(AuthorizationException.class);
    // demo (camunda-admin) passes the engine's authorization but is not in the sales management group.
    assertThat(refusalIn(catchThrowable(() -> startOnly("demo", planForm()))).status()).isEqualTo(403);
    assertThat(instances()).isEqualTo(instances);
  }

  @Test
  void nobodyAcknowledgesSomeoneElsesTargets() {
    ProcessInstance pi = draft("zhaolei", planForm());
    review("zhangwei", pi, "managerReview", "approved", null);
    review("linzong", pi, "leadershipApproval", "approved", null);
    executeJobs(pi);
    Task sunlis = tasks.createTaskQuery().processInstanceId(pi.getId()).taskAssignee("sunli").singleResult();

    // A teammate and the administrator are both refused; sunli's acknowledgement stays open.
    assertThatThrownBy(() -> as.run("zhouqiang", () -> tasks.complete(sunlis.getId())))
        .isInstanceOfAny(AuthorizationException.class, Refusal.class);
    assertThat(refusalIn(catchThrowable(() -> as.run("demo", () -> tasks.complete(sunlis.getId())))).status())
        .isEqualTo(403);
    assertThat(tasks.createTaskQuery().taskId(sunlis.getId()).count()).isEqualTo(1);
    assertThat(plans.acknowledgements(planOf(pi).id())).allSatisfy(a -> assertThat(a.acknowledgedAt()).isNull());
  }

  // --- helpers

  static Map<String, Object> planForm() {
    Map<String, Object> form = new HashMap<>();
    form.put("year", 2027);
    form.put("annualTarget", 10_000.01); // TWD: 1,000,001 minor units
    form.put("strategy", "深耕既有客戶,拓展南部新市場。");
    form.put("regions", "北區(台北、新竹);南區(台南、高雄)");
    form.put("teamShares", "salesTeamNorth | 60\nsalesTeamSouth | 40");
    form.put("personShares", "salesTeamNorth | sunli | 33\nsalesTeamNorth | zhouqiang | 67\nsalesTeamSouth | wuming | 100");
    form.put("seasonQ1", 10);
    form.put("seasonQ2", 20);
    form.put("seasonQ3", 30);
    form.put("seasonQ4", 40);
    form.put("kpis", "新客戶數每季至少 3 家;回款率 95% 以上。");
    return form;
  }

  private long instances() {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey("annual-sales-plan").count();
  }

  private long count() {
    return jdbc.queryForObject("select count(*) from sales_plan", Long.class);
  }

  private ProcessInstance startOnly(String user, Map<String, Object> form) {
    return as.call(user, () -> runtime.startProcessInstanceByKey("annual-sales-plan", form));
  }

  private ProcessInstance draft(String user, Map<String, Object> form) {
    ProcessInstance pi = startOnly(user, form);
    executeJobs(pi);
    return pi;
  }

  private void executeJobs(ProcessInstance pi) {
    Jobs.executeAll(management, pi.getId());
  }

  private SalesPlan planOf(ProcessInstance pi) {
    return plans.findByProcess(pi.getId()).orElseThrow();
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

  private void acknowledge(String salesperson, ProcessInstance pi, String feedback) {
    Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskAssignee(salesperson).singleResult();
    Map<String, Object> variables = new HashMap<>();
    variables.put("feedback", feedback);
    as.run(salesperson, () -> tasks.complete(task.getId(), variables));
  }
}
