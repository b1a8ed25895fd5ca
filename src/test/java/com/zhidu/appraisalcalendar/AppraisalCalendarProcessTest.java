package com.zhidu.appraisalcalendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.zhidu.ProcessTestExtension;
import com.zhidu.ZhiduTest;
import com.zhidu.performanceappraisal.AppraisalRepository;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * appraisal-calendar (§4.1.1): the daily timer opens a department-wide cycle of each kind on the day
 * processes/appraisal-cycles.yaml names (monthly on the 3rd, quarterly on 8 Jan/Apr/Jul/Oct, annual on 15 Jan),
 * for the period that just ended, and only once.
 */
@ZhiduTest
class AppraisalCalendarProcessTest {

  static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
  @RegisterExtension
  static final ProcessTestExtension processTest = ProcessTestExtension.fullyCovering("appraisal-calendar");

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired ManagementService management;
  @Autowired AppraisalRepository appraisals;
  @Autowired JdbcTemplate jdbc;

  @Test
  void opensNothingOnOtherDays() {
    Set<String> before = cycles();
    runCheckOn(LocalDate.of(2042, 2, 20));
    runCheckOn(LocalDate.of(2042, 4, 3).plusDays(1));
    assertThat(cycles()).isEqualTo(before);
  }

  @Test
  void opensTheAnnualQuarterlyAndMonthlyCyclesOnTheirDaysOnce() {
    runCheckOn(LocalDate.of(2043, 1, 15));
    ProcessInstance annual = cycle("annual", "2042");
    assertThat(annual).isActive();
    assertThat(appraisals.cycle("annual", "2042", null).orElseThrow()).extracting(c -> c.openedBy(),
        c -> c.periodStart()).containsExactly(null, LocalDate.of(2042, 1, 1));
    List<String> appraised = jdbc.queryForList("select a.employee_id from appraisal a join appraisal_cycle c"
        + " on c.id = a.cycle_id where c.process_instance_id = ?", String.class, annual.getId());
    assertThat(appraised).containsExactlyInAnyOrder("lina", "wangfang", "chenjing", "liuyang", "zhaolei", "sunli",
        "zhouqiang", "wuming", "zhengxin", "xiaoyu", "huangmin", "xuhui");
    assertThat(processEngine.getTaskService().createTaskQuery().processInstanceId(annual.getId())
        .taskDefinitionKey("selfEvaluation").count()).isEqualTo(12);

    Set<String> before = cycles();
    runCheckOn(LocalDate.of(2043, 1, 15));
    assertThat(cycles()).as("the same day again opens nothing").isEqualTo(before);

    runCheckOn(LocalDate.of(2043, 4, 8));
    ProcessInstance quarterly = cycle("quarterly", "2043-Q1");
    runCheckOn(LocalDate.of(2043, 5, 3));
    ProcessInstance monthly = cycle("monthly", "2043-04");
    for (ProcessInstance opened : List.of(annual, quarterly, monthly)) {
      runtime.deleteProcessInstance(opened.getId(), "test done");
    }
  }

  void runCheckOn(LocalDate day) {
    ClockUtil.setCurrentTime(Date.from(day.atTime(6, 0).atZone(TAIPEI).toInstant()));
    Job job = management.createJobQuery().processDefinitionKey("appraisal-calendar").timers().singleResult();
    Set<String> before = checks();
    management.executeJob(job.getId());
    Set<String> after = checks();
    after.removeAll(before);
    assertThat(after).hasSize(1);
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(after.iterator().next())
        .activityId("EndEvent_Checked").count()).isEqualTo(1);
  }

  ProcessInstance cycle(String kind, String period) {
    String id = appraisals.cycle(kind, period, null).orElseThrow().processInstanceId();
    return runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
  }

  Set<String> checks() {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey("appraisal-calendar").list().stream()
        .map(h -> h.getId()).collect(Collectors.toCollection(HashSet::new));
  }

  Set<String> cycles() {
    return new HashSet<>(jdbc.queryForList("select id from appraisal_cycle", String.class));
  }
}
