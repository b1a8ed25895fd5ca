package com.zhidu.audit.conformance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricIdentityLinkLogEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The department of a task for the task rules: its first candidate group by id, from every candidate entry of the
 * task's identity link log (a task offered to several groups counts under the first). One query for many tasks:
 * the live judgement and the kept verdicts ({@link CaseVerdicts}) look departments up the same way.
 */
@Component
class CandidateGroups {

  /** Task ids per query: the IN list stays far below the databases' parameter limits. */
  private static final int CHUNK = 500;

  private final ProcessEngine engine;
  private final JdbcTemplate jdbc;

  CandidateGroups(ProcessEngine engine, JdbcTemplate jdbc) {
    this.engine = engine;
    this.jdbc = jdbc;
  }

  /** Each task's first candidate group; tasks with none are absent. */
  Map<String, String> firstOf(Collection<String> taskIds) {
    Map<String, String> first = new HashMap<>();
    List<String> ids = List.copyOf(taskIds);
    String table = engine.getManagementService().getTableName(HistoricIdentityLinkLogEntity.class);
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
      List<Object> parameters = new ArrayList<>(chunk.size() + 1);
      parameters.add(IdentityLinkType.CANDIDATE);
      parameters.addAll(chunk);
      jdbc.query("select TASK_ID_, GROUP_ID_ from " + table + " where TYPE_ = ? and GROUP_ID_ is not null"
          + " and TASK_ID_ in (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")",
          rs -> {
            first.merge(rs.getString(1), rs.getString(2), (a, b) -> a.compareTo(b) <= 0 ? a : b);
          }, parameters.toArray());
    }
    return first;
  }
}
