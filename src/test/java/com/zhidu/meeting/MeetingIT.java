package com.zhidu.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zhidu.AsUser;
import com.zhidu.Jobs;
import com.zhidu.ProcessTestExtension;
import com.zhidu.ZhiduIT;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * §6.1.1 / §3.2.3 on PostgreSQL (V15): an open action item comes back on the next meeting's agenda of its
 * series only, and the database keeps one meeting per series and time when a second start races in.
 */
@ZhiduIT
class MeetingIT {

  @RegisterExtension
  static final ProcessTestExtension processTest = ProcessTestExtension.withoutCoverageGate();

  static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired MeetingScheduler scheduler;
  @Autowired JdbcTemplate jdbc;

  @Test
  void openActionItemsCarryOverWithinTheirSeriesAndAMeetingOpensOnce() {
    AsUser as = new AsUser(identity);
    clock(LocalDateTime.of(2027, 3, 5, 10, 0));
    List<ProcessInstance> week1 = scheduler.startDue();
    assertThat(week1).hasSize(3);
    ProcessInstance north = of(week1, "salesTeamNorth");
    propose(as, "sunli", north, "北區報價策略");
    propose(as, "zhouqiang", north, null);
    Task minutes = tasks.createTaskQuery().processInstanceId(north.getId()).taskDefinitionKey("recordMinutes").singleResult();
    Map<String, Object> form = new HashMap<>();
    form.put("minutes", "決定調整報價。");
    form.put("actionItems", "zhouqiang | 2027-03-12 | 更新報價單");
    as.run("sunli", () -> tasks.complete(minutes.getId(), form));

    // A second start of the same meeting (another node) is refused by the unique (series, time) row.
    Map<String, Object> again = Map.of("seriesId", "salesTeamNorth",
        "meetingAt", Date.from(LocalDateTime.of(2027, 3, 5, 16, 0).atZone(TAIPEI).toInstant()));
    long before = jdbc.queryForObject("select count(*) from meeting", Long.class);
    assertThatThrownBy(() -> runtime.startProcessInstanceByKey("meeting", "MTG-duplicate", again)).isNotNull();
    assertThat(jdbc.queryForObject("select count(*) from meeting", Long.class)).isEqualTo(before);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("MTG-duplicate").count()).isZero();

    clock(LocalDateTime.of(2027, 3, 12, 10, 0));
    List<ProcessInstance> week2 = scheduler.startDue();
    long northMeeting2 = meetingId(of(week2, "salesTeamNorth"));
    long departmentMeeting2 = meetingId(of(week2, "department"));
    long actionItem = jdbc.queryForObject("select id from meeting_action_item where series_id = 'salesTeamNorth'"
        + " and owner = 'zhouqiang'", Long.class);
    assertThat(jdbc.queryForList("select carried_action_item_id from meeting_agenda_item where meeting_id = ?",
        Long.class, northMeeting2)).containsExactly(actionItem);
    assertThat(jdbc.queryForObject("select count(*) from meeting_agenda_item where meeting_id = ?", Long.class,
        departmentMeeting2)).isZero();

    // Done before the meeting after that: it no longer carries over.
    Task action = tasks.createTaskQuery().processInstanceId(north.getId()).taskAssignee("zhouqiang").singleResult();
    as.run("zhouqiang", () -> tasks.complete(action.getId(), Map.of("result", "已更新")));
    assertThat(jdbc.queryForObject("select status from meeting_action_item where id = ?", String.class, actionItem))
        .isEqualTo("done");
    clock(LocalDateTime.of(2027, 3, 19, 10, 0));
    long northMeeting3 = meetingId(of(scheduler.startDue(), "salesTeamNorth"));
    assertThat(jdbc.queryForObject("select count(*) from meeting_agenda_item where meeting_id = ?", Long.class,
        northMeeting3)).isZero();
    Jobs.executeAll(management, north.getId());
  }

  private void clock(LocalDateTime taipei) {
    ClockUtil.setCurrentTime(Date.from(taipei.atZone(TAIPEI).toInstant()));
  }

  private static ProcessInstance of(List<ProcessInstance> started, String series) {
    return started.stream().filter(pi -> pi.getBusinessKey().startsWith("MTG-" + series + "-")).findFirst().orElseThrow();
  }

  private long meetingId(ProcessInstance pi) {
    return jdbc.queryForObject("select id from meeting where process_instance_id = ?", Long.class, pi.getId());
  }

  private void propose(AsUser as, String user, ProcessInstance pi, String item) {
    Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("proposeAgenda")
        .taskAssignee(user).singleResult();
    Map<String, Object> variables = new HashMap<>();
    variables.put("agendaItem", item);
    as.run(user, () -> tasks.complete(task.getId(), variables));
  }
}
