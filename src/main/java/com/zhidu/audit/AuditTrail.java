package com.zhidu.audit;

import com.zhidu.audit.AuditHash.Row;
import com.zhidu.platform.BeforeCommit;
import com.zhidu.platform.CreatedInThisCommand;
import com.zhidu.platform.TaskActionRecorder;
import com.zhidu.platform.TaskActionRecorder.TaskAction;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The append-only table {@code audit_event}: one hash chain per case. {@link #append} runs inside the caller's
 * transaction (JdbcTemplate joins the engine's Spring transaction), so a rolled-back command leaves no row; the
 * transaction's rows go out together just before it commits.
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

  /** The transaction resource holding the transaction's chains not yet written. */
  private static final Object PENDING = new Object();

  private final JdbcTemplate jdbc;
  private volatile Boolean postgres; // asked once, at the first append

  public AuditTrail(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** What one history event contributes; the chain position, time and hashes are added by {@link #append}. */
  public record Entry(String caseId, String eventType, String userId, String processInstanceId,
      String processDefinitionKey, String taskId, String activityId, String payload) {}

  /**
   * Appends the entry to its case's chain. Inside a transaction (every engine command) the case's head row is
   * locked and read once per transaction; the rows are chained in memory and written just before commit as one
   * JDBC batch, with one write of the head: the same rows and the same lock as writing each at once, for about a
   * third of the statements. Outside a transaction each row is written at once.
   */
  public Row append(Entry entry) {
    if (!BeforeCommit.inTransaction()) {
      Pending chain = lockHead(entry.caseId());
      Row row = chain.add(entry);
      chain.write(jdbc);
      return row;
    }
    Pending chain = pending().computeIfAbsent(entry.caseId(), this::lockHead);
    Row row = chain.add(entry);
    if (BeforeCommit.written()) {
      chain.write(jdbc); // appended after this transaction's rows went out (a later before-commit hook)
    }
    return row;
  }

  /**
   * This transaction's chains, written before it commits; discarded with it on rollback. Written before
   * TaskActionRecorder's rows (a lower order), so that the statement on PostgreSQL takes those along.
   */
  private Map<String, Pending> pending() {
    return BeforeCommit.holder(PENDING, LinkedHashMap::new, Ordered.LOWEST_PRECEDENCE - 1, chains -> {
      chains.values().forEach(chain -> chain.write(jdbc));
    });
  }

  /**
   * Writes this transaction's pending rows now, so that a read of audit_event or audit_chain_head later in the same
   * transaction sees them (every reader in this package calls it first). The chains stay locked and continue.
   */
  static void flush(JdbcTemplate jdbc) {
    Map<String, Pending> chains = BeforeCommit.heldNow(PENDING);
    if (chains != null) {
      chains.values().forEach(chain -> chain.write(jdbc));
    }
  }

  /**
   * Locking the head row serialises appends to this case only; a new case has no row yet and no rival. A case
   * started in this very command is new: its id did not exist before, so there is nothing to look up.
   */
  private Pending lockHead(String caseId) {
    boolean postgres = postgres();
    if (CreatedInThisCommand.processInstance(caseId)) {
      return new Pending(caseId, 0, AuditHash.GENESIS, false, postgres);
    }
    List<Pending> heads = jdbc.query("select last_seq, last_hash from audit_chain_head where case_id = ? for update",
        (rs, n) -> new Pending(caseId, rs.getLong(1), rs.getString(2), true, postgres), caseId);
    return heads.isEmpty() ? new Pending(caseId, 0, AuditHash.GENESIS, false, postgres) : heads.get(0);
  }

  private boolean postgres() {
    Boolean known = postgres;
    if (known == null) {
      known = postgres = jdbc.execute((ConnectionCallback<Boolean>) connection ->
          "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName()));
    }
    return known;
  }

  /** One case's chain within a transaction: the head as of the last added row, and the rows not yet written. */
  private static final class Pending {
    final String caseId;
    final boolean postgres;
    long seq;
    String hash;
    boolean headExists;
    final List<Object[]> rows = new ArrayList<>();
    OffsetDateTime lastTime;

    Pending(String caseId, long seq, String hash, boolean headExists, boolean postgres) {
      this.caseId = caseId;
      this.seq = seq;
      this.hash = hash;
      this.headExists = headExists;
      this.postgres = postgres;
    }

    Row add(Entry entry) {
      Instant now = ClockUtil.getCurrentTime().toInstant().truncatedTo(ChronoUnit.MILLIS);
      String prev = hash;
      Row unhashed = new Row(entry.caseId(), seq + 1, entry.eventType(), now, entry.userId(),
          entry.processInstanceId(), entry.processDefinitionKey(), entry.taskId(), entry.activityId(),
          entry.payload(), prev, null);
      seq++;
      hash = unhashed.expectedHash();
      lastTime = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
      rows.add(new Object[] {entry.caseId(), seq, entry.eventType(), lastTime, entry.userId(),
          entry.processInstanceId(), entry.processDefinitionKey(), entry.taskId(), entry.activityId(),
          entry.payload(), prev, hash});
      return new Row(entry.caseId(), seq, entry.eventType(), now, entry.userId(), entry.processInstanceId(),
          entry.processDefinitionKey(), entry.taskId(), entry.activityId(), entry.payload(), prev, hash);
    }

    void write(JdbcTemplate jdbc) {
      if (rows.isEmpty()) {
        return;
      }
      if (postgres) {
        writeAsOneStatement(jdbc);
        return;
      }
      String insert = "insert into audit_event (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?)";
      if (rows.size() == 1) {
        jdbc.update(insert, rows.get(0));
      } else {
        jdbc.batchUpdate(insert, rows);
      }
      if (headExists) {
        jdbc.update("update audit_chain_head set last_seq = ?, last_hash = ?, updated_at = ? where case_id = ?",
            seq, hash, lastTime, caseId);
      } else {
        jdbc.update("insert into audit_chain_head (case_id, last_seq, last_hash, updated_at) values (?,?,?,?)",
            caseId, seq, hash, lastTime);
        headExists = true;
      }
      rows.clear();
    }

    /**
     * On PostgreSQL the rows (as arrays, one per column) and the head go in one statement: a writable CTE inserts
     * the rows, the statement itself writes the head. The same rows and head as {@link #write}'s batch and head
     * write, one statement fewer per transaction that appends (docs/performance.md, "Sixth round"). The
     * transaction's task actions not yet written go in the same statement, one CTE more ("Ninth round").
     */
    private void writeAsOneStatement(JdbcTemplate jdbc) {
      String head = headExists
          ? "update audit_chain_head set last_seq = ?, last_hash = ?, updated_at = ? where case_id = ?"
          : "insert into audit_chain_head (last_seq, last_hash, updated_at, case_id) values (?,?,?,?)";
      List<TaskAction> actions = TaskActionRecorder.takePending();
      String sql = "with appended as (insert into audit_event (" + COLUMNS + ") select ?, r.* from unnest("
          + "?::bigint[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
          + " ?::text[], ?::text[], ?::text[]) as r)"
          + (actions.isEmpty() ? "" : ", actions as (insert into task_action (" + TaskActionRecorder.COLUMNS + ")"
              + " select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
              + " ?::timestamp[]))")
          + " " + head;
      jdbc.update(sql, statement -> {
        Connection connection = statement.getConnection();
        int p = 1;
        statement.setString(p++, caseId);
        statement.setArray(p++, connection.createArrayOf("bigint", column(1)));
        for (int i = 2; i < 12; i++) {
          statement.setArray(p++, connection.createArrayOf("text", column(i)));
        }
        if (!actions.isEmpty()) {
          for (Object[] column : TaskActionRecorder.asColumns(actions)) {
            statement.setArray(p++, connection.createArrayOf("text", column));
          }
        }
        statement.setLong(p++, seq);
        statement.setString(p++, hash);
        statement.setObject(p++, lastTime);
        statement.setString(p, caseId);
      });
      headExists = true;
      rows.clear();
    }

    /** The values of one column of the pending rows (0 = case_id, as in {@link #COLUMNS}); times as hashed. */
    private Object[] column(int index) {
      Object[] values = index == 1 ? new Long[rows.size()] : new String[rows.size()];
      for (int r = 0; r < rows.size(); r++) {
        Object value = rows.get(r)[index];
        values[r] = value instanceof OffsetDateTime time ? AuditHash.time(time.toInstant()) : value;
      }
      return values;
    }
  }

  /** The rows of one case in chain order. */
  public List<Row> rowsOf(String caseId) {
    flush(jdbc);
    return jdbc.query("select " + COLUMNS + " from audit_event where case_id = ? order by seq", ROW, caseId);
  }

  /** Whether the id is a case with a chain (also after Camunda's history cleanup removed the case). */
  public boolean hasCase(String caseId) {
    flush(jdbc);
    return !jdbc.queryForList("select case_id from audit_chain_head where case_id = ?", String.class, caseId).isEmpty();
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
