package com.zhidu.meeting;

import static com.zhidu.Refusals.refusalIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.zhidu.AsUser;
import com.zhidu.DemoRest;
import com.zhidu.Jobs;
import com.zhidu.ProcessTestExtension;
import com.zhidu.ZhiduTest;
import com.zhidu.meeting.MeetingRepository.ActionItem;
import com.zhidu.meeting.MeetingRepository.AgendaItem;
import com.zhidu.meeting.MeetingRepository.Meeting;
import com.zhidu.platform.Refusal;
import java.time.LocalDate;
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
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * meeting (§6.1.1 weekly department meeting, §3.2.3 sales team meetings): opened by the scheduler per series,
 * agenda from members, minutes by the secretary, action items tracked to done and carried over.
 * Each test uses its own weeks of 2027 (company time zone Asia/Taipei).
 */
@ZhiduTest
class MeetingProcessTest {

  static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
  @RegisterExtension
  static final ProcessTestExtension processTest = ProcessTestExtension.fullyCovering("meeting");

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired MeetingScheduler scheduler;
  @Autowired MeetingSchedule schedule;
  @Autowired MeetingRepository meetings;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate rest;
  AsUser as;

  @BeforeEach
  void setUp() {
    as = new AsUser(identity);
  }

  @AfterEach
  void tearDown() {
    // Tests share the database: close what a test left open so no action item carries over into another test.
    jdbc.update("update meeting_action_item set status = 'done' where status = 'open'");
  }

  @Test
  void theSchedulerOpensEachSeriesOnceWhenItsAgendaOpens() {
    // Tuesday 2027-01-05: the department meeting (Monday 09:30, agenda 3 days ahead) and the team meetings
    // (Friday 16:00, 2 days ahead) of this week are not open yet.
    clock(LocalDateTime.of(2027, 1, 5, 10, 0));
    assertThat(schedule.dueAt(ClockUtil.getCurrentTime().toInstant())).isEmpty();
    assertThat(scheduler.startDue()).isEmpty();

    // Friday 2027-01-08 10:00: Monday's department meeting and today's two team meetings open.
    clock(LocalDateTime.of(2027, 1, 8, 10, 0));
    List<ProcessInstance> started = scheduler.startDue();
    assertThat(started).extracting(ProcessInstance::getBusinessKey).containsExactlyInAnyOrder(
        "MTG-department-202701110930", "MTG-salesTeamNorth-202701081600", "MTG-salesTeamSouth-202701081600");
    // The next scan (or another node) opens nothing twice.
    assertThat(scheduler.startDue()).isEmpty();

    Meeting department = meetingOf(byKey(started, "MTG-department-202701110930"));
    assertThat(department.seriesName()).isEqualTo("部門例會");
    assertThat(department.secretary()).isEqualTo("xuhui");
    assertThat(department.chair()).isEqualTo("zhangwei");
    assertThat(department.participants()).contains("zhangwei", "lina", "zhaolei", "sunli", "xuhui", "zhengxin")
        .doesNotContain("hejun", "fengxue", "demo");
    assertThat(department.meetingAt()).isEqualTo(LocalDateTime.of(2027, 1, 11, 9, 30).atZone(TAIPEI).toInstant());
    Meeting north = meetingOf(byKey(started, "MTG-salesTeamNorth-202701081600"));
    assertThat(north.participants()).containsExactly("sunli", "zhouqiang");
    assertThat(north.chair()).isEqualTo("sunli");
    assertThat(north.secretary()).isEqualTo("sunli");
    assertThat(tasks.createTaskQuery().processInstanceId(north.processInstanceId()).list())
        .extracting(Task::getTaskDefinitionKey, Task::getAssignee)
        .containsExactlyInAnyOrder(tuple("proposeAgenda", "sunli"), tuple("proposeAgenda", "zhouqiang"));
  }

  @Test
  void anOpenActionItemIsCarriedOverToTheNextMeetingOfItsSeriesAndDoneThere() {
    clock(LocalDateTime.of(2027, 1, 15, 10, 0));
    ProcessInstance first = open("department");
    assertThat(first).isWaitingAt("proposeAgenda");
    assertThat(tasks.createTaskQuery().processInstanceId(first.getId()).taskDefinitionKey("proposeAgenda").count())
        .isEqualTo(meetingOf(first).participants().size());
    propose("zhaolei", first, "第四季回款進度");
    propose("chenjing", first, "   ");

    // Monday 09:30: the meeting starts, the agenda closes with whatever was proposed.
    clock(LocalDateTime.of(2027, 1, 18, 9, 31));
    Jobs.executeAll(management, first.getId());
    assertThat(first).hasPassed("Timer_MeetingStarts").isWaitingAt("recordMinutes");
    assertThat(meetings.agenda(meetingOf(first).id())).extracting(AgendaItem::text, AgendaItem::proposedBy)
        .containsExactly(tuple("第四季回款進度", "zhaolei"));
    Task minutes = task(first, "recordMinutes");
    assertThat(minutes.getAssignee()).isEqualTo("xuhui");
    assertThat((String) tasks.getVariableLocal(minutes.getId(), "currentAgenda")).contains("第四季回款進度", "zhaolei");

    recordMinutes("xuhui", first, "討論第四季回款。", "sunli | 2027-01-29 | 跟進大客戶報價\nzhengxin | 2027-01-20 | 整理客戶回饋");
    assertThat(first).isWaitingAt("completeActionItem");
    Meeting held = meetingOf(first);
    assertThat(held.status()).isEqualTo(MeetingRepository.HELD);
    assertThat(held.minutesBy()).isEqualTo("xuhui");
    List<ActionItem> items = meetings.actionItems(held.id());
    assertThat(items).extracting(ActionItem::owner, ActionItem::dueDate, ActionItem::status, ActionItem::createdBy)
        .containsExactly(tuple("sunli", LocalDate.of(2027, 1, 29), "open", "xuhui"),
            tuple("zhengxin", LocalDate.of(2027, 1, 20), "open", "xuhui"));
    Task sunlis = actionTask(first, "sunli");
    assertThat(sunlis.getDueDate()).isEqualTo(Date.from(LocalDateTime.of(2027, 1, 29, 18, 0).atZone(TAIPEI).toInstant()));
    completeAction("zhengxin", first, "已整理並寄送");

    // The next week's meeting carries sunli's open item over; zhengxin's done item does not come back.
    clock(LocalDateTime.of(2027, 1, 22, 10, 0));
    ProcessInstance second = open("department");
    List<AgendaItem> carried = meetings.agenda(meetingOf(second).id());
    assertThat(carried).hasSize(1);
    assertThat(carried.get(0).carriedActionItemId()).isEqualTo(items.get(0).id());
    assertThat(carried.get(0).text()).contains("跟進大客戶報價", "sunli", "2027-01-29");
    assertThat((String) tasks.getVariableLocal(task(second, "proposeAgenda", "lina").getId(), "currentAgenda"))
        .contains("待辦延續", "跟進大客戶報價");

    // Everyone answers before the meeting, nobody with a new item: the carried item alone makes the agenda.
    for (String participant : meetingOf(second).participants()) {
      propose(participant, second, null);
    }
    assertThat(second).hasPassed("Gateway_AgendaCollected").hasNotPassed("Timer_MeetingStarts").isWaitingAt("recordMinutes");
    completeAction("sunli", first, "報價已送出");
    assertThat(first).isEnded().hasPassed("EndEvent_ActionItemsDone");
    assertThat(meetings.actionItem(items.get(0).id()).status()).isEqualTo(MeetingRepository.DONE);
    assertThat(meetings.actionItem(items.get(0).id()).doneBy()).isEqualTo("sunli");
    recordMinutes("xuhui", second, "確認報價已送出。", "");
    assertThat(second).isEnded().hasPassed("EndEvent_MeetingHeld").hasNotPassed("completeActionItem");

    // Week three: nothing open any more, nothing proposed: no agenda, the meeting is recorded as not held.
    clock(LocalDateTime.of(2027, 1, 29, 10, 0));
    ProcessInstance third = open("department");
    assertThat(meetings.agenda(meetingOf(third).id())).isEmpty();
    clock(LocalDateTime.of(2027, 2, 1, 9, 30));
    Jobs.executeAll(management, third.getId());
    assertThat(third).isEnded().hasPassed("closeWithoutAgenda", "EndEvent_NoAgenda").hasNotPassed("recordMinutes");
    assertThat(meetingOf(third).status()).isEqualTo(MeetingRepository.NO_AGENDA);
  }

  @Test
  void aSalesTeamMeetingIsChairedAndMinutedByTheTeamLeader() {
    clock(LocalDateTime.of(2027, 2, 3, 17, 0));
    ProcessInstance south = open("salesTeamSouth");
    assertThat(meetingOf(south).participants()).containsExactly("wuming");
    propose("wuming", south, "南區新客戶開發");
    assertThat(task(south, "recordMinutes").getAssignee()).isEqualTo("wuming");
    recordMinutes("wuming", south, "確認新客戶名單。", "wuming | 2027-02-10 | 拜訪三家新客戶");
    completeAction("wuming", south, "已拜訪三家");
    assertThat(south).isEnded().hasPassed("completeActionItem", "EndEvent_ActionItemsDone");
  }

  @Test
  void anEmployeeHiredSinceStartUpTakesPartInTheirTeamsNextMeeting() {
    // As hiring-request's addEmployee leaves it: a hired_employee row with added_at (organization.yaml does not list her).
    jdbc.update("insert into hiring_request (process_instance_id, requested_by, role_title, member_group, team, headcount,"
        + " reason, budget_minor, status, created_at) values ('meeting-test', 'zhaolei', '銷售專員', 'sales',"
        + " 'salesTeamSouth', 1, '測試', 0, 'approved', current_timestamp)");
    Long requestId = jdbc.queryForObject("select id from hiring_request where process_instance_id = 'meeting-test'", Long.class);
    jdbc.update("insert into hired_employee (request_id, slot, user_id, name, member_group, team, line_manager, recorded_by,"
        + " recorded_at, added_at) values (?, 1, 'hanmei', '韓梅', 'sales', 'salesTeamSouth', 'wuming', 'fengxue',"
        + " current_timestamp, current_timestamp)", requestId);
    try {
      clock(LocalDateTime.of(2027, 3, 3, 17, 0));
      ProcessInstance south = open("salesTeamSouth");
      assertThat(meetingOf(south).participants()).containsExactly("wuming", "hanmei");
      runtime.deleteProcessInstance(south.getId(), "test done");
    } finally {
      jdbc.update("delete from hired_employee where request_id = ?", requestId);
      jdbc.update("delete from hiring_request where id = ?", requestId);
    }
  }

  @Test
  void aNonMemberCannotAddToTheAgendaAndOnlyTheSecretaryRecordsMinutes() {
    clock(LocalDateTime.of(2027, 2, 10, 17, 0));
    ProcessInstance north = open("salesTeamNorth");
    Task sunlis = task(north, "proposeAgenda", "sunli");
    // wuming is in the other team, hejun in legal: no grant on the task; the administrator passes the engine's
    // authorization but is refused by the meeting's own rule; a team mate cannot answer in sunli's name.
    for (String outsider : List.of("wuming", "hejun")) {
      assertThatThrownBy(() -> as.run(outsider, () -> tasks.complete(sunlis.getId(), Map.of("agendaItem", "x"))))
          .isInstanceOf(AuthorizationException.class);
    }
    assertThat(refusalIn(catchThrowable(() -> as.run("demo", () -> tasks.complete(sunlis.getId(),
        Map.of("agendaItem", "x"))))).status()).isEqualTo(403);
    assertThatThrownBy(() -> as.run("zhouqiang", () -> tasks.complete(sunlis.getId(), Map.of("agendaItem", "x"))))
        .isInstanceOfAny(AuthorizationException.class, Refusal.class);
    assertThat(meetings.agenda(meetingOf(north).id())).isEmpty();

    propose("sunli", north, "北區客戶拜訪安排");
    propose("zhouqiang", north, null);
    Task minutes = task(north, "recordMinutes");
    assertThat(minutes.getAssignee()).isEqualTo("sunli");
    for (String other : List.of("zhouqiang", "zhangwei", "xuhui")) {
      assertThatThrownBy(() -> as.run(other, () -> tasks.complete(minutes.getId(), minutesForm("x", ""))))
          .isInstanceOfAny(AuthorizationException.class, Refusal.class);
    }
    assertThat(refusalIn(catchThrowable(() -> as.run("demo", () -> tasks.complete(minutes.getId(),
        minutesForm("x", ""))))).status()).isEqualTo(403);
    // The same through the REST API as demo users (HTTP Basic): refused, nothing written.
    String engineTask = "/engine-rest/engine/" + processEngine.getName() + "/task/";
    Map<String, Object> body = Map.of("variables", DemoRest.variables(minutesForm("x", "")));
    for (String other : List.of("zhangwei", "zhouqiang")) {
      assertThat(new DemoRest(rest).post(other, engineTask + minutes.getId() + "/complete", body).status())
          .as(other).isEqualTo(403);
    }
    assertThat(meetingOf(north).minutes()).isNull();
    assertThat(north).isWaitingAt("recordMinutes");
  }

  @Test
  void badActionItemsAreRefusedNamingTheFieldAndNothingIsWritten() {
    clock(LocalDateTime.of(2027, 2, 17, 17, 0));
    ProcessInstance south = open("salesTeamSouth");
    propose("wuming", south, "回款");
    Task minutes = task(south, "recordMinutes");
    for (String bad : List.of(
        "wuming | 2027-02-01 | 已過期的截止日期",
        "nobody | 2027-03-01 | 不存在的負責人",
        "wuming | 3/1 | 日期格式錯誤",
        "wuming | 2027-03-01 |  ",
        "只有一段文字")) {
      Throwable refused = catchThrowable(() -> as.run("wuming", () -> tasks.complete(minutes.getId(), minutesForm("紀要", bad))));
      assertThat(refusalIn(refused).errors()).as(bad).extracting(Refusal.Error::field).containsOnly("actionItems");
    }
    assertThat(refusalIn(catchThrowable(() -> as.run("wuming", () -> tasks.complete(minutes.getId(),
        minutesForm("wuming | 2027-02-01 | 過期", "wuming | 2027-02-01 | 過期"))))).errors().get(0).messageZh())
        .contains("2027-02-01", "已經過去");
    assertThat(refusalIn(catchThrowable(() -> as.run("wuming", () -> tasks.complete(minutes.getId(),
        minutesForm("", ""))))).errors()).extracting(Refusal.Error::field).contains("minutes");
    Meeting meeting = meetingOf(south);
    assertThat(meeting.minutes()).isNull();
    assertThat(meetings.actionItems(meeting.id())).isEmpty();
    assertThat(south).isWaitingAt("recordMinutes");
  }

  // --- helpers

  private void clock(LocalDateTime taipei) {
    ClockUtil.setCurrentTime(Date.from(taipei.atZone(TAIPEI).toInstant()));
  }

  private ProcessInstance open(String seriesId) {
    return scheduler.startDue().stream()
        .filter(pi -> pi.getBusinessKey().startsWith("MTG-" + seriesId + "-")).findFirst()
        .orElseThrow(() -> new AssertionError("no meeting of " + seriesId + " opened"));
  }

  private static ProcessInstance byKey(List<ProcessInstance> started, String key) {
    return started.stream().filter(pi -> pi.getBusinessKey().equals(key)).findFirst().orElseThrow();
  }

  private Meeting meetingOf(ProcessInstance pi) {
    return meetings.findByProcess(pi.getId()).orElseThrow();
  }

  private Task task(ProcessInstance pi, String key) {
    return tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).singleResult();
  }

  private Task task(ProcessInstance pi, String key, String assignee) {
    return tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).taskAssignee(assignee)
        .singleResult();
  }

  private Task actionTask(ProcessInstance pi, String owner) {
    return task(pi, "completeActionItem", owner);
  }

  private void propose(String user, ProcessInstance pi, String item) {
    Task task = task(pi, "proposeAgenda", user);
    assertThat(task).as("%s's agenda task", user).isNotNull();
    Map<String, Object> variables = new HashMap<>();
    variables.put("agendaItem", item);
    as.run(user, () -> tasks.complete(task.getId(), variables));
  }

  private static Map<String, Object> minutesForm(String minutes, String actionItems) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("minutes", minutes);
    variables.put("actionItems", actionItems);
    return variables;
  }

  private void recordMinutes(String user, ProcessInstance pi, String minutes, String actionItems) {
    Task task = task(pi, "recordMinutes");
    as.run(user, () -> tasks.complete(task.getId(), minutesForm(minutes, actionItems)));
  }

  private void completeAction(String owner, ProcessInstance pi, String result) {
    Task task = actionTask(pi, owner);
    as.run(owner, () -> tasks.complete(task.getId(), Map.of("result", result)));
  }
}
