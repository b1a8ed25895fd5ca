package com.zhidu.audit;

import com.zhidu.audit.AuditHash.Row;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The append-only table {@code audit_event}: one hash chain per case. {@link #append} runs inside the caller's
 * transaction (JdbcTemplate joins the engine's Spring transaction), so a rolled-back command leaves no row.
 */
@Component
public class AuditTrail {

  /** The chain of operations that belong to no case (e.g. identity changes in the user operation log). */
  public static final String NO_CASE = "-";

  static final String COLUMNS = "case_id, seq, event_type, occurred_at, user_id, process_instance_id,"
      + " process_definition_key, task_id, activity_id, payload, prev_hash, hash";

  static final RowMapper<Row> ROW = (ResultSet rs, int n) -> new Row(rs.getString("case_id"), rs.getLong("seq"),
      rs.getString("event_type"), instant(rs, "occurred_at"), rs.getString("user_id"),
      rs.getString("process_instance_id"), rs.getString("process_definition_key"), rs.getString("task_id"),
      rs.getString("activity_id"), rs.getString("payload"), rs.getString("prev_hash"), rs.getString("hash"));

  private final JdbcTemplate jdbc;

  public AuditTrail(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** What one history event contributes; the chain position, time and hashes are added by {@link #append}. */
  public record Entry(String caseId, String eventType, String userId, String processInstanceId,
      String processDefinitionKey, String taskId, String activityId, String payload) {}

  public Row append(Entry entry) {
    // Locking the head row serialises appends to this case only; a new case has no row yet and no rival.
    List<Row> heads = jdbc.query("select last_seq, last_hash from audit_chain_head where case_id = ? for update",
        (rs, n) -> new Row(null, rs.getLong(1), null, null, null, null, null, null, null, null, null,
            rs.getString(2)), entry.caseId());
    long seq = heads.isEmpty() ? 1 : heads.get(0).seq() + 1;
    String prev = heads.isEmpty() ? AuditHash.GENESIS : heads.get(0).hash();
    Instant now = ClockUtil.getCurrentTime().toInstant().truncatedTo(ChronoUnit.MILLIS);
    Row unhashed = new Row(entry.caseId(), seq, entry.eventType(), now, entry.userId(), entry.processInstanceId(),
        entry.processDefinitionKey(), entry.taskId(), entry.activityId(), entry.payload(), prev, null);
    String hash = unhashed.expectedHash();
    OffsetDateTime time = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    jdbc.update("insert into audit_event (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?)",
        entry.caseId(), seq, entry.eventType(), time, entry.userId(), entry.processInstanceId(),
        entry.processDefinitionKey(), entry.taskId(), entry.activityId(), entry.payload(), prev, hash);
    if (heads.isEmpty()) {
      jdbc.update("insert into audit_chain_head (case_id, last_seq, last_hash, updated_at) values (?,?,?,?)",
          entry.caseId(), seq, hash, time);
    } else {
      jdbc.update("update audit_chain_head set last_seq = ?, last_hash = ?, updated_at = ? where case_id = ?",
          seq, hash, time, entry.caseId());
    }
    return new Row(entry.caseId(), seq, entry.eventType(), now, entry.userId(), entry.processInstanceId(),
        entry.processDefinitionKey(), entry.taskId(), entry.activityId(), entry.payload(), prev, hash);
  }

  /** The rows of one case in chain order. */
  public List<Row> rowsOf(String caseId) {
    return jdbc.query("select " + COLUMNS + " from audit_event where case_id = ? order by seq", ROW, caseId);
  }

  /** Whether the id is a case with a chain (also after Camunda's history cleanup removed the case). */
  public boolean hasCase(String caseId) {
    return !jdbc.queryForList("select case_id from audit_chain_head where case_id = ?", String.class, caseId).isEmpty();
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
