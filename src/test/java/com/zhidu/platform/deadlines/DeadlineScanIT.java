package com.zhidu.platform.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.ProcessTestExtension;
import com.zhidu.ZhiduIT;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The deadline scan on PostgreSQL: it selects, in SQL, only the tasks whose notice for their current due date is not
 * raised yet (DeadlineWatcher.notYetRaised), so a raised notice is never raised again and a changed due date arms
 * it anew.
 */
@ZhiduIT
class DeadlineScanIT {

  @RegisterExtension
  static final ProcessTestExtension processTest = ProcessTestExtension.withoutCoverageGate();

  static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired DeadlineWatcher watcher;
  @Autowired JdbcTemplate jdbc;

  String instance;

  @AfterEach
  void cleanUp() {
    if (instance != null) {
      runtime.deleteProcessInstance(instance, "test cleanup");
    }
  }

  @Test
  void eachNoticeIsRaisedOnceForItsDueDateAndAgainAfterTheDueDateChanges() {
    ClockUtil.setCurrentTime(at("2026-03-02T09:00"));
    instance = runtime.startProcessInstanceByKey("deadline-fixture", Map.of("reviewDue", at("2026-03-20T12:00")))
        .getId();
    String task = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("prepare").singleResult()
        .getId();

    ClockUtil.setCurrentTime(at("2026-03-04T18:01")); // a working day before Thursday 18:00
    watcher.scan();
    watcher.scan();
    assertThat(noticesFor(task)).containsExactly("reminder");

    ClockUtil.setCurrentTime(at("2026-03-05T18:01"));
    watcher.scan();
    watcher.scan();
    assertThat(noticesFor(task)).containsExactly("reminder", "overdue");

    tasks.setDueDate(task, at("2026-03-09T18:00"));
    watcher.scan();
    assertThat(noticesFor(task)).as("not overdue under the new due date").containsExactly("reminder", "overdue");
    ClockUtil.setCurrentTime(at("2026-03-09T18:01"));
    watcher.scan();
    watcher.scan();
    assertThat(noticesFor(task)).containsExactly("reminder", "overdue", "overdue");
  }

  List<String> noticesFor(String taskId) {
    return jdbc.queryForList("select kind from task_deadline_notice where task_id = ? order by id", String.class,
        taskId);
  }

  static Date at(String taipeiLocal) {
    return Date.from(LocalDateTime.parse(taipeiLocal + ":00").atZone(TAIPEI).toInstant());
  }
}
