package com.zhidu.platform.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zhidu.audit.AuditTrail;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The record of every approval operation: one {@code approval_action} row with the authenticated user and the
 * reason, and one entry in the case's hash-chained audit trail (event type {@code approval:<operation>}), both in
 * the engine's transaction, so a refused or failed operation leaves neither.
 */
@Component
public class ApprovalRecord {

  public record Action(String operation, String caseId, String processInstanceId, String taskId, String userId,
      String target, String reason, Instant occurredAt) {}

  private final JdbcTemplate jdbc;
  private final AuditTrail audit;
  private final ObjectMapper json = new ObjectMapper();

  public ApprovalRecord(JdbcTemplate jdbc, AuditTrail audit) {
    this.jdbc = jdbc;
    this.audit = audit;
  }

  public void write(String operation, String caseId, String processInstanceId, String processDefinitionKey,
      String taskId, String activityId, String userId, String target, String reason) {
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    jdbc.update("insert into approval_action (operation, case_id, process_instance_id, task_id, user_id, target,"
        + " reason, occurred_at) values (?,?,?,?,?,?,?,?)", operation, caseId, processInstanceId, taskId, userId,
        target, reason, now);
    Map<String, String> payload = new LinkedHashMap<>();
    payload.put("operation", operation);
    payload.put("target", target);
    payload.put("reason", reason);
    try {
      audit.append(new AuditTrail.Entry(caseId, "approval:" + operation, userId, processInstanceId,
          processDefinitionKey, taskId, activityId, json.writeValueAsString(payload)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How often the user did the operation on the case since the given time (rate limits). */
  public int count(String operation, String caseId, String userId, Instant since) {
    Integer n = jdbc.queryForObject("select count(*) from approval_action where case_id = ? and operation = ?"
        + " and user_id = ? and occurred_at >= ?", Integer.class, caseId, operation, userId, Timestamp.from(since));
    return n == null ? 0 : n;
  }

  public List<Action> ofCase(String caseId) {
    return jdbc.query("select operation, case_id, process_instance_id, task_id, user_id, target, reason, occurred_at"
        + " from approval_action where case_id = ? order by id", (rs, n) -> new Action(rs.getString(1),
        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
        rs.getTimestamp(8).toInstant()), caseId);
  }
}
