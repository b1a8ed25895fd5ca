package com.zhidu.platform.api;

import com.zhidu.platform.CaseParticipants;
import com.zhidu.platform.CycleTimeStatistics;
import com.zhidu.platform.CycleTimeStatistics.Figures;
import com.zhidu.platform.CycleTimeStatistics.Sample;
import com.zhidu.platform.Refusal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstanceQuery;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cycle times (§1.3.2) from history, for the people who steer the department:
 * {@code GET /zhidu/api/cycle-times?from=2026-01-01&to=2026-03-31[&processDefinitionKey=report-approval]}.
 * Counts process instances completed and tasks completed in the period (dates inclusive, company time zone);
 * per procedure the duration of whole cases and the overdue share of its tasks, per task the same for the
 * task. Cancelled cases and deleted tasks are not cycle times and are left out.
 * Figures are defined in {@link CycleTimeStatistics} (nearest-rank percentiles).
 */
@RestController
public class CycleTimeController {

  static final List<String> READERS = List.of("deptManager", "deputyManager", "leadership", "auditor",
      "operationsAnalysis", "camunda-admin");

  public record TaskFigures(String taskDefinitionKey, String name, Figures figures) {}

  public record ProcedureFigures(String processDefinitionKey, String name, Figures figures,
      Figures tasksOverall, List<TaskFigures> tasks) {}

  public record Report(LocalDate from, LocalDate to, String timeZone, List<ProcedureFigures> procedures) {}

  private final ProcessEngine engine;
  private final CaseParticipants participants;
  private final ZoneId zone;

  public CycleTimeController(ProcessEngine engine, CaseParticipants participants,
      @Value("${zhidu.time-zone:Asia/Taipei}") ZoneId zone) {
    this.engine = engine;
    this.participants = participants;
    this.zone = zone;
  }

  @GetMapping("/zhidu/api/cycle-times")
  public Report cycleTimes(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String processDefinitionKey) {
    Authentication user = engine.getIdentityService().getCurrentAuthentication();
    if (user.getGroupIds() == null || user.getGroupIds().stream().noneMatch(READERS::contains)) {
      throw Refusal.of(403, null, "只有部門經理、副經理、公司領導、運營分析組及審計可以查看流程週期",
          "Only managers, leadership, operations analysis and auditors may read cycle times.");
    }
    LocalDate first = date("from", from);
    LocalDate last = date("to", to);
    if (last.isBefore(first)) {
      throw Refusal.of(400, "to", "結束日期不可早於開始日期", "'to' must not be before 'from'.");
    }
    Date start = Date.from(first.atStartOfDay(zone).toInstant());
    Date end = Date.from(last.plusDays(1).atStartOfDay(zone).toInstant());
    // The reader's group is checked above; history permissions are per instance and would hide the whole.
    List<ProcedureFigures> procedures = participants.withoutAuthorization(() -> report(start, end, processDefinitionKey));
    return new Report(first, last, zone.getId(), procedures);
  }

  private List<ProcedureFigures> report(Date start, Date end, String key) {
    HistoricProcessInstanceQuery instanceQuery = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .completed().finishedAfter(start).finishedBefore(end);
    HistoricTaskInstanceQuery taskQuery = engine.getHistoryService().createHistoricTaskInstanceQuery()
        .finished().finishedAfter(start).finishedBefore(end);
    if (key != null && !key.isBlank()) {
      instanceQuery.processDefinitionKey(key);
      taskQuery.processDefinitionKey(key);
    }
    Map<String, List<Sample>> instances = new TreeMap<>();
    for (HistoricProcessInstance instance : instanceQuery.list()) {
      if (instance.getEndTime().before(end)) {
        instances.computeIfAbsent(instance.getProcessDefinitionKey(), k -> new ArrayList<>())
            .add(new Sample(instance.getDurationInMillis(), false, false));
      }
    }
    Map<String, Map<String, List<Sample>>> tasks = new TreeMap<>();
    Map<String, String> taskNames = new TreeMap<>();
    for (HistoricTaskInstance task : taskQuery.list()) {
      if (!"completed".equals(task.getDeleteReason()) || task.getProcessDefinitionKey() == null
          || !task.getEndTime().before(end)) {
        continue;
      }
      Date due = task.getDueDate();
      tasks.computeIfAbsent(task.getProcessDefinitionKey(), k -> new TreeMap<>())
          .computeIfAbsent(task.getTaskDefinitionKey(), k -> new ArrayList<>())
          .add(new Sample(task.getDurationInMillis(), due != null, due != null && task.getEndTime().after(due)));
      taskNames.put(task.getProcessDefinitionKey() + "#" + task.getTaskDefinitionKey(), task.getName());
    }
    TreeSet<String> keys = new TreeSet<>(instances.keySet());
    keys.addAll(tasks.keySet());
    List<ProcedureFigures> result = new ArrayList<>();
    for (String processKey : keys) {
      List<TaskFigures> taskFigures = new ArrayList<>();
      List<Sample> allTasks = new ArrayList<>();
      tasks.getOrDefault(processKey, Map.of()).forEach((taskKey, samples) -> {
        taskFigures.add(new TaskFigures(taskKey, taskNames.get(processKey + "#" + taskKey),
            CycleTimeStatistics.of(samples)));
        allTasks.addAll(samples);
      });
      result.add(new ProcedureFigures(processKey, procedureName(processKey),
          CycleTimeStatistics.of(instances.getOrDefault(processKey, List.of())), CycleTimeStatistics.of(allTasks),
          taskFigures));
    }
    return result;
  }

  private String procedureName(String key) {
    ProcessDefinition definition = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(key).latestVersion().singleResult();
    return definition == null || definition.getName() == null ? key : definition.getName();
  }

  private static LocalDate date(String field, String value) {
    try {
      if (value != null) {
        return LocalDate.parse(value);
      }
    } catch (DateTimeParseException e) {
      // answered below
    }
    throw Refusal.of(400, field, "請以 YYYY-MM-DD 格式提供「" + field + "」日期",
        "Give '" + field + "' as a date YYYY-MM-DD.");
  }
}
