package com.zhidu.trainingplan;

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
import com.zhidu.reportapproval.ReviewDecision;
import com.zhidu.reportapproval.ReviewDecisionRepository;
import com.zhidu.trainingplan.TrainingRepository.CourseRow;
import com.zhidu.trainingplan.TrainingRepository.Enrolment;
import com.zhidu.trainingplan.TrainingRepository.Plan;
import com.zhidu.trainingplan.TrainingRepository.Summary;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * training-plan (§5): drafted by hr with last year's summary in view, reviewed through report-approval with a
 * revision, delivered course by course (external nomination, attendance), evaluated per participant and by the
 * line manager weeks later, summarised for the next plan.
 */
@ZhiduTest
class TrainingPlanProcessTest {

  static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
  @RegisterExtension
  static final ProcessTestExtension processTest = ProcessTestExtension.fullyCovering("training-plan");

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired TrainingRepository training;
  @Autowired ReviewDecisionRepository decisions;
  @Autowired JdbcTemplate jdbc;
  AsUser as;

  @BeforeEach
  void setUp() {
    as = new AsUser(identity);
  }

  static final String COURSES = """
      企業文化與規章 | general | internal | 馮雪 | 2027-01-20 | sunli, zhouqiang | 5000
      銷售談判技巧 | professional | external | 外部講師王老師 | 2027-02-10 | wuming | 20000.50
      """;

  @Test
  void revisedAfterRejectionDeliveredEvaluatedAndSummarizedForTheNextPlan() {
    clock(LocalDateTime.of(2026, 12, 1, 10, 0));
    ProcessInstance pi = start("fengxue", 2027);
    Plan plan = planOf(pi);
    assertThat(plan.author()).isEqualTo("fengxue");
    Task draft = task(pi, "draftPlan");
    assertThat(draft.getAssignee()).isEqualTo("fengxue");
    assertThat(tasks.getVariableLocal(draft.getId(), "planYear")).isEqualTo(2027);
    assertThat((String) tasks.getVariableLocal(draft.getId(), "previousSummary")).isNotBlank();

    submit("fengxue", pi, "提升銷售談判與客戶經營能力。", COURSES.replace("20000.50", "90000"));
    assertThat(pi).isWaitingAt("reviewTrainingPlan");
    ProcessInstance review = approvalOf(pi);
    assertThat(runtime.getVariable(review.getId(), "subjectType")).isEqualTo("trainingPlan");
    assertThat(runtime.getVariable(review.getId(), "author")).isEqualTo("fengxue");
    assertThat((String) runtime.getVariable(review.getId(), "subjectContent")).contains("銷售談判技巧", "external");
    review("zhangwei", pi, "managerReview", "rejected", "外部課程預算過高");

    // Back to the author with the comments; the revision is a new version.
    assertThat(pi).isWaitingAt("draftPlan");
    assertThat(runtime.getVariable(pi.getId(), "reviewComments")).isEqualTo("外部課程預算過高");
    submit("fengxue", pi, "提升銷售談判與客戶經營能力。", COURSES);
    assertThat(training.versions(plan.id())).containsExactly(1, 2);
    assertThat(training.createdByOf(plan.id(), 2)).isEqualTo("fengxue");
    review("zhangwei", pi, "managerReview", "approved", null);
    review("linzong", pi, "leadershipApproval", "approved", null);
    Jobs.executeAll(management, pi.getId());
    assertThat(decisions.decisionsAbout("trainingPlan", String.valueOf(plan.id())))
        .extracting(ReviewDecision::subjectVersion, ReviewDecision::stage, ReviewDecision::decision)
        .containsExactly(tuple(1, "managerReview", "rejected"), tuple(2, "managerReview", "approved"),
            tuple(2, "leadershipApproval", "approved"));

    // The approved version's courses and enrolments; the external one waits for the nomination approval.
    assertThat(training.plan(plan.id()).approvedVersion()).isEqualTo(2);
    List<CourseRow> courses = training.courses(plan.id());
    assertThat(courses).extracting(CourseRow::title, CourseRow::category, CourseRow::method, CourseRow::budgetMinor)
        .containsExactly(tuple("企業文化與規章", "general", "internal", 500_000L),
            tuple("銷售談判技巧", "professional", "external", 2_000_050L));
    assertThat(training.participantsOf(courses.get(0).id())).containsExactly("sunli", "zhouqiang");
    Task nomination = task(pi, "approveNomination");
    assertThat((String) tasks.getVariableLocal(nomination.getId(), "participantsText")).isEqualTo("wuming");
    complete("zhangwei", nomination, Map.of("decision", "approved"), true);
    assertThat(training.course(courses.get(1).id()).nominationBy()).isEqualTo("zhangwei");
    assertThat(pi).isWaitingAt("Timer_CourseOver");

    // After both courses: hr records attendance (zhouqiang missed the first).
    clock(LocalDateTime.of(2027, 2, 11, 9, 0));
    Jobs.executeAll(management, pi.getId());
    List<Task> attendance = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("recordAttendance").list();
    assertThat(attendance).hasSize(2);
    for (Task task : attendance) {
      String text = (String) tasks.getVariableLocal(task.getId(), "courseText");
      complete("fengxue", task, Map.of("absentees", text.startsWith("企業文化") ? "zhouqiang" : ""), true);
    }
    assertThat(training.enrolments(courses.get(0).id())).extracting(Enrolment::participant, Enrolment::attended)
        .containsExactly(tuple("sunli", true), tuple("zhouqiang", false));
    assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("evaluateTraining").list())
        .extracting(Task::getAssignee).containsExactlyInAnyOrder("sunli", "wuming");

    evaluate("sunli", pi, 88, "了解公司規章。");
    evaluate("wuming", pi, null, "學到議價技巧。");
    assertThat(pi).isWaitingAt("Timer_ApplicationDue");

    // Six weeks later (zhidu.training.application-assessment-after) the line manager assesses the application.
    clock(LocalDateTime.of(2027, 3, 30, 9, 0));
    Jobs.executeAll(management, pi.getId());
    List<Task> assessments = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("assessApplication").list();
    assertThat(assessments).extracting(Task::getAssignee).containsOnly("zhaolei").hasSize(2);
    for (Task task : assessments) {
      String trainee = (String) tasks.getVariableLocal(task.getId(), "traineeName");
      complete("zhaolei", task, Map.of("applicationRating", trainee.contains("sunli") ? "good" : "excellent",
          "applicationComment", "已應用"), true);
    }
    Jobs.executeAll(management, pi.getId());
    assertThat(pi).isEnded().hasPassed("summarizeTrainingPlan", "EndEvent_PlanSummarized").hasNotPassed("EndEvent_CourseNotHeld");

    Summary summary = training.summaryOfPlan(plan.id()).orElseThrow();
    assertThat(summary.enrolled()).isEqualTo(3);
    assertThat(summary.attended()).isEqualTo(2);
    assertThat(summary.averageScore()).isEqualByComparingTo(new BigDecimal("88.0"));
    assertThat(summary.text()).contains("2027 年度培訓總結", "出席 2/3", "企業文化與規章", "出席 1/2", "良好 1", "優秀 1");
    assertThat(training.enrolments(courses.get(1).id())).extracting(Enrolment::reflection, Enrolment::applicationRating,
        Enrolment::assessedBy).containsExactly(tuple("學到議價技巧。", "excellent", "zhaolei"));

    // The author of the next year's plan sees it in the draft form.
    clock(LocalDateTime.of(2027, 11, 2, 10, 0));
    ProcessInstance next = start("fengxue", 2028);
    assertThat((String) tasks.getVariableLocal(task(next, "draftPlan").getId(), "previousSummary"))
        .contains("2027 年度培訓總結", "出席 2/3");
  }

  @Test
  void anExternalNominationRejectedLeavesTheCourseOutAndTheSummarySaysSo() {
    clock(LocalDateTime.of(2025, 12, 1, 10, 0));
    // The department manager drafts: he cannot review his own plan, so it goes to leadership directly.
    ProcessInstance pi = start("zhangwei", 2026);
    submit("zhangwei", pi, "數據分析能力。", "數據分析進階 | professional | external | 外部機構 | 2026-03-02 | huangmin,xuhui | 30000");
    assertThat(runtime.getVariable(approvalOf(pi).getId(), "managerReviewRequired")).isEqualTo(false);
    review("linzong", pi, "leadershipApproval", "approved", null);
    Task nomination = task(pi, "approveNomination");

    // A rejection needs a comment; hr cannot decide nominations at all.
    assertThat(fieldsOf(catchThrowable(() -> complete("zhangwei", nomination, Map.of("decision", "rejected"), true))))
        .containsExactly("comment");
    assertThatThrownBy(() -> as.run("fengxue", () -> tasks.complete(nomination.getId(), Map.of("decision", "approved"))))
        .isInstanceOfAny(AuthorizationException.class, Refusal.class);
    complete("zhangwei", task(pi, "approveNomination"), Map.of("decision", "rejected", "comment", "本季預算不足"), true);
    Jobs.executeAll(management, pi.getId());

    assertThat(pi).isEnded().hasPassed("EndEvent_CourseNotHeld", "summarizeTrainingPlan")
        .hasNotPassed("recordAttendance", "Timer_CourseOver");
    long planId = planOf(pi).id();
    assertThat(training.courses(planId)).extracting(CourseRow::status, CourseRow::nominationDecision, CourseRow::nominationBy)
        .containsExactly(tuple(TrainingRepository.NOMINATION_REJECTED, "rejected", "zhangwei"));
    Summary summary = training.summaryOfPlan(planId).orElseThrow();
    assertThat(summary.attended()).isZero();
    assertThat(summary.averageScore()).isNull();
    assertThat(summary.text()).contains("數據分析進階", "提名未獲批准");
  }

  @Test
  void onlyHrAndTheManagerStartAndOnlyThePeopleConcernedDoEachStep() {
    clock(LocalDateTime.of(2026, 12, 2, 10, 0));
    long before = plans();
    for (String outsider : List.of("sunli", "zhaolei", "chenjing")) {
      assertThatThrownBy(() -> as.call(outsider, () -> runtime.startProcessInstanceByKey("training-plan", Map.of("year", 2027))))
          .isInstanceOf(AuthorizationException.class);
    }
    // The administrator passes the engine's authorization but is neither hr nor the manager.
    assertThat(refusalIn(catchThrowable(() -> as.call("demo", () -> runtime.startProcessInstanceByKey("training-plan",
        Map.of("year", 2027))))).status()).isEqualTo(403);
    assertThat(plans()).isEqualTo(before);

    ProcessInstance pi = start("fengxue", 2027);
    Task draft = task(pi, "draftPlan");
    assertThatThrownBy(() -> as.run("zhangwei", () -> tasks.complete(draft.getId(), Map.of("goals", "x", "courses", COURSES))))
        .isInstanceOfAny(AuthorizationException.class, Refusal.class);
    assertThat(training.versions(planOf(pi).id())).isEmpty();
    submit("fengxue", pi, "目標", "規章 | general | online | 馮雪 | 2027-01-05 | sunli | 0");
    // The author cannot review their own plan (report-approval's four-eyes), the manager can.
    review("zhangwei", pi, "managerReview", "approved", null);
    review("linzong", pi, "leadershipApproval", "approved", null);
    clock(LocalDateTime.of(2027, 1, 6, 10, 0));
    Jobs.executeAll(management, pi.getId());
    Task attendance = task(pi, "recordAttendance");
    assertThatThrownBy(() -> as.run("sunli", () -> tasks.complete(attendance.getId(), Map.of())))
        .isInstanceOf(AuthorizationException.class);
    assertThat(fieldsOf(catchThrowable(() -> complete("fengxue", attendance, Map.of("absentees", "wuming"), true))))
        .containsExactly("absentees");
    complete("fengxue", task(pi, "recordAttendance"), Map.of(), true);

    Task evaluation = task(pi, "evaluateTraining");
    assertThatThrownBy(() -> as.run("zhouqiang", () -> tasks.complete(evaluation.getId(), Map.of("reflection", "x"))))
        .isInstanceOfAny(AuthorizationException.class, Refusal.class);
    assertThat(fieldsOf(catchThrowable(() -> evaluate("sunli", pi, null, null)))).containsExactly("reflection");
    assertThat(fieldsOf(catchThrowable(() -> evaluate("sunli", pi, 101, null)))).containsExactly("examScore");
    evaluate("sunli", pi, 70, null);
    clock(LocalDateTime.of(2027, 2, 20, 10, 0));
    Jobs.executeAll(management, pi.getId());
    Task assessment = task(pi, "assessApplication");
    assertThat(assessment.getAssignee()).isEqualTo("zhaolei");
    assertThat(refusalIn(catchThrowable(() -> as.run("demo", () -> tasks.complete(assessment.getId(),
        Map.of("applicationRating", "good"))))).status()).isEqualTo(403);
    assertThatThrownBy(() -> as.run("sunli", () -> tasks.complete(assessment.getId(), Map.of("applicationRating", "excellent"))))
        .isInstanceOfAny(AuthorizationException.class, Refusal.class);
    assertThat(training.enrolments(training.courseIdsOf(planOf(pi).id()).get(0)))
        .extracting(Enrolment::examScore, Enrolment::applicationRating).containsExactly(tuple(70, null));
  }

  @Test
  void badPlansAreRefusedNamingTheFieldAndNothingIsSaved() {
    clock(LocalDateTime.of(2026, 12, 3, 10, 0));
    assertThat(fieldsOf(catchThrowable(() -> start("fengxue", 2031)))).containsExactly("year");
    ProcessInstance pi = start("fengxue", 2027);
    long planId = planOf(pi).id();
    Map<String, String> bad = Map.of(
        "participants empty", "規章 | general | internal | 馮雪 | 2027-03-01 |  | 100",
        "budget negative", "規章 | general | internal | 馮雪 | 2027-03-01 | sunli | -1",
        "date in the past", "規章 | general | internal | 馮雪 | 2026-11-30 | sunli | 100",
        "date outside the year", "規章 | general | internal | 馮雪 | 2028-01-10 | sunli | 100",
        "unknown category", "規章 | culture | internal | 馮雪 | 2027-03-01 | sunli | 100",
        "unknown method", "規章 | general | classroom | 馮雪 | 2027-03-01 | sunli | 100",
        "unknown participant", "規章 | general | internal | 馮雪 | 2027-03-01 | nobody | 100",
        "too few columns", "規章 | general | internal");
    Task draft = task(pi, "draftPlan");
    bad.forEach((what, line) -> {
      Throwable refused = catchThrowable(() -> as.run("fengxue", () -> tasks.complete(draft.getId(),
          Map.of("goals", "目標", "courses", line))));
      assertThat(fieldsOf(refused)).as(what).containsOnly("courses");
      assertThat(refusalIn(refused).errors().get(0).messageZh()).as(what).contains("第 1 行");
    });
    assertThat(refusalIn(catchThrowable(() -> as.run("fengxue", () -> tasks.complete(draft.getId(),
        Map.of("goals", "目標", "courses", bad.get("participants empty")))))).errors().get(0).messageZh())
        .contains("參加人", "不可為空");
    assertThat(refusalIn(catchThrowable(() -> as.run("fengxue", () -> tasks.complete(draft.getId(),
        Map.of("goals", "目標", "courses", bad.get("budget negative")))))).errors().get(0).messageZh())
        .contains("預算", "負數");
    assertThat(fieldsOf(catchThrowable(() -> as.run("fengxue", () -> tasks.complete(draft.getId(),
        Map.of("goals", " ", "courses", "規章 | general | internal | 馮雪 | 2027-03-01 | sunli | 100")))))).containsExactly("goals");
    assertThat(training.versions(planId)).isEmpty();
    assertThat(pi).isWaitingAt("draftPlan");
  }

  private long plans() {
    return jdbc.queryForObject("select count(*) from training_plan", Long.class);
  }

  // --- helpers

  private void clock(LocalDateTime taipei) {
    ClockUtil.setCurrentTime(Date.from(taipei.atZone(TAIPEI).toInstant()));
  }

  private ProcessInstance start(String user, int year) {
    ProcessInstance pi = as.call(user, () -> runtime.startProcessInstanceByKey("training-plan", Map.of("year", year)));
    Jobs.executeAll(management, pi.getId());
    return pi;
  }

  private Plan planOf(ProcessInstance pi) {
    return training.findByProcess(pi.getId()).orElseThrow();
  }

  private Task task(ProcessInstance pi, String key) {
    return tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).singleResult();
  }

  private ProcessInstance approvalOf(ProcessInstance pi) {
    return runtime.createProcessInstanceQuery().superProcessInstanceId(pi.getId()).singleResult();
  }

  private void submit(String user, ProcessInstance pi, String goals, String courses) {
    Task task = task(pi, "draftPlan");
    as.run(user, () -> tasks.complete(task.getId(), Map.of("goals", goals, "courses", courses)));
    Jobs.executeAll(management, pi.getId());
  }

  private void review(String user, ProcessInstance pi, String key, String decision, String comment) {
    Reviews.decide(runtime, tasks, as, pi, key, user, decision, comment);
    Jobs.executeAll(management, pi.getId());
  }

  private void complete(String user, Task task, Map<String, Object> variables, boolean claim) {
    as.run(user, () -> {
      if (claim && task.getAssignee() == null) {
        tasks.claim(task.getId(), user);
      }
      tasks.complete(task.getId(), variables);
    });
  }

  private void evaluate(String user, ProcessInstance pi, Integer score, String reflection) {
    Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("evaluateTraining")
        .taskAssignee(user).singleResult();
    Map<String, Object> variables = new HashMap<>();
    variables.put("examScore", score);
    variables.put("reflection", reflection);
    as.run(user, () -> tasks.complete(task.getId(), variables));
  }
}
