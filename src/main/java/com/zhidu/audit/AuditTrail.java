package com.zhidu.audit;

import com.zhidu.audit.AuditHash.Row;
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
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The append-only table {@code audit_event}: one hash chain per case. {@link #append} runs inside the caller's
 * transaction (JdbcTemplate joins the engine's Spring transaction), so a rolled-back command leaves no row; the
 * transaction's rows go out together just before it commits. On PostgreSQL the statement that writes them also
 * locks the case's head and chains them ({@link AuditHash}'s recipe in SQL), so a row's place in the chain is the
 * order in which transactions commit; elsewhere (H2, the tests) the head is locked at the first append and the rows
 * are hashed here.
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
   * Appends the entry to its case's chain. Inside a transaction (every engine command) the rows are kept and written
   * just before commit, one statement per case on PostgreSQL, a batch and a head write elsewhere: the same rows and
   * the same per-case lock as writing each at once, for a fraction of the statements. Outside a transaction the row
   * is written at once.
   */
  public void append(Entry entry) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()
        || !TransactionSynchronizationManager.isSynchronizationActive()) {
      Pending chain = startChain(entry.caseId());
      chain.add(entry);
      chain.write(jdbc);
      return;
    }
    Pending chain = pending().computeIfAbsent(entry.caseId(), this::startChain);
    chain.add(entry);
    if (chain.flushed) {
      chain.write(jdbc); // appended after this transaction's batch went out (another before-commit hook)
    }
  }

  /** This transaction's chains, written before it commits; discarded with it on rollback. */
  private Map<String, Pending> pending() {
    @SuppressWarnings("unchecked")
    Map<String, Pending> chains = (Map<String, Pending>) TransactionSynchronizationManager.getResource(PENDING);
    if (chains == null) {
      Map<String, Pending> created = new LinkedHashMap<>();
      TransactionSynchronizationManager.bindResource(PENDING, created);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public int getOrder() {
          return Ordered.LOWEST_PRECEDENCE - 1; // before TaskActionRecorder's, to take its rows along
        }

        @Override
        public void beforeCommit(boolean readOnly) {
          for (Pending chain : created.values()) {
            chain.write(jdbc);
            chain.flushed = true;
          }
        }

        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(PENDING);
        }
      });
      chains = created;
    }
    return chains;
  }

  /**
   * Writes this transaction's pending rows now, so that a read of audit_event or audit_chain_head later in the same
   * transaction sees them (every reader in this package calls it first). The chains stay locked and continue.
   */
  static void flush(JdbcTemplate jdbc) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return;
    }
    @SuppressWarnings("unchecked")
    Map<String, Pending> chains = (Map<String, Pending>) TransactionSynchronizationManager.getResource(PENDING);
    if (chains != null) {
      chains.values().forEach(chain -> chain.write(jdbc));
    }
  }

  /**
   * On PostgreSQL the write locks the head itself. Elsewhere the head row is locked now, which serialises appends to
   * this case only; a new case has no row yet and no rival. A case started in this very command is new: its id did
   * not exist before, so there is nothing to look up.
   */
  private Pending startChain(String caseId) {
    if (postgres() || CreatedInThisCommand.processInstance(caseId)) {
      return new Pending(caseId, 0, AuditHash.GENESIS, false, postgres());
    }
    List<Pending> heads = jdbc.query("select last_seq, last_hash from audit_chain_head where case_id = ? for update",
        (rs, n) -> new Pending(caseId, rs.getLong(1), rs.getString(2), true, false), caseId);
    return heads.isEmpty() ? new Pending(caseId, 0, AuditHash.GENESIS, false, false) : heads.get(0);
  }

  private boolean postgres() {
    Boolean known = postgres;
    if (known == null) {
      known = postgres = jdbc.execute((ConnectionCallback<Boolean>) connection ->
          "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName()));
    }
    return known;
  }

  /**
   * One case's chain within a transaction: the rows not yet written and, where they are hashed here, the head as of
   * the last added row.
   */
  private static final class Pending {
    final String caseId;
    final boolean postgres;
    long seq;
    String hash;
    boolean headExists;
    boolean flushed;
    final List<Object[]> rows = new ArrayList<>();
    OffsetDateTime lastTime;

    Pending(String caseId, long seq, String hash, boolean headExists, boolean postgres) {
      this.caseId = caseId;
      this.seq = seq;
      this.hash = hash;
      this.headExists = headExists;
      this.postgres = postgres;
    }

    /** Keeps the row; hashed here unless PostgreSQL chains it ({@link #writeAsOneStatement}). */
    void add(Entry entry) {
      Instant now = ClockUtil.getCurrentTime().toInstant().truncatedTo(ChronoUnit.MILLIS);
      lastTime = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
      if (postgres) {
        rows.add(new Object[] {entry.eventType(), AuditHash.time(now), entry.userId(), entry.processInstanceId(),
            entry.processDefinitionKey(), entry.taskId(), entry.activityId(), entry.payload()});
        return;
      }
      String prev = hash;
      seq++;
      hash = new Row(entry.caseId(), seq, entry.eventType(), now, entry.userId(), entry.processInstanceId(),
          entry.processDefinitionKey(), entry.taskId(), entry.activityId(), entry.payload(), prev, null)
          .expectedHash();
      rows.add(new Object[] {entry.caseId(), seq, entry.eventType(), lastTime, entry.userId(),
          entry.processInstanceId(), entry.processDefinitionKey(), entry.taskId(), entry.activityId(),
          entry.payload(), prev, hash});
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
     * On PostgreSQL one statement locks the case's head, chains the rows (given as arrays, one per column) with
     * {@link AuditHash}'s recipe, inserts them and writes the head; the transaction's task actions not yet written go
     * in the same statement. The head's lock is taken at the write instead of at the first append: one statement
     * per transaction that appends instead of a head lookup, a write and the task actions' inserts
     * (docs/performance.md, "Sixth round" and "Ninth round"). A case
     * whose head another transaction creates at the same time fails on {@code audit_event}'s (case_id, seq)
     * uniqueness and rolls back, as it did when the head was looked up first.
     */
    private void writeAsOneStatement(JdbcTemplate jdbc) {
      List<TaskAction> actions = TaskActionRecorder.takePending();
      String sql = CHAIN_IN_SQL
          + (actions.isEmpty() ? "" : ", actions as (insert into task_action (" + TaskActionRecorder.COLUMNS + ")"
              + " select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
              + " ?::timestamp[]))")
          + " insert into audit_chain_head (case_id, last_seq, last_hash, updated_at)"
          + " select ?, seq, hash, ?::timestamptz from chain order by n desc limit 1 on conflict (case_id) do update"
          + " set last_seq = excluded.last_seq, last_hash = excluded.last_hash, updated_at = excluded.updated_at";
      jdbc.update(sql, statement -> {
        Connection connection = statement.getConnection();
        int p = 1;
        for (int i = 0; i < 8; i++) {
          statement.setArray(p++, connection.createArrayOf("text", column(i)));
        }
        statement.setString(p++, caseId); // the head to lock
        statement.setString(p++, AuditHash.GENESIS);
        statement.setString(p++, caseId); // hashed
        statement.setString(p++, caseId); // inserted
        if (!actions.isEmpty()) {
          for (Object[] column : TaskActionRecorder.asColumns(actions)) {
            statement.setArray(p++, connection.createArrayOf("text", column));
          }
        }
        statement.setString(p++, caseId);
        statement.setObject(p, lastTime);
      });
      rows.clear();
    }

    /** The values of one column of the pending rows, in the order {@link #add} keeps them. */
    private String[] column(int index) {
      String[] values = new String[rows.size()];
      for (int r = 0; r < rows.size(); r++) {
        values[r] = (String) rows.get(r)[index];
      }
      return values;
    }
  }

  /**
   * {@link AuditHash.Row#expectedHash} in SQL: each row's hash is the SHA-256 of the previous hash and its fields
   * joined by a line feed, nulls as empty text (the event type and payload are never null), the time as
   * {@link AuditHash#time} wrote it. {@code AuditTrailIT} checks the stored chains with {@link AuditVerifier}.
   */
  private static final String CHAIN_IN_SQL = "with recursive"
      + " r as (select ?::text[] as event_type, ?::text[] as occurred_at, ?::text[] as user_id,"
      + " ?::text[] as process_instance_id, ?::text[] as process_definition_key, ?::text[] as task_id,"
      + " ?::text[] as activity_id, ?::text[] as payload),"
      + " head as (select last_seq, last_hash::text as last_hash from audit_chain_head where case_id = ? for update),"
      + " chain (n, seq, prev_hash, hash) as ("
      + "select 0, coalesce((select last_seq from head), 0), null::text, coalesce((select last_hash from head), ?)"
      + " union all"
      + " select c.n + 1, c.seq + 1, c.hash, encode(sha256(convert_to(c.hash || E'\\n' || ? || E'\\n'"
      + " || (c.seq + 1)::text || E'\\n' || r.event_type[c.n + 1] || E'\\n' || r.occurred_at[c.n + 1] || E'\\n'"
      + " || coalesce(r.user_id[c.n + 1], '') || E'\\n' || coalesce(r.process_instance_id[c.n + 1], '') || E'\\n'"
      + " || coalesce(r.process_definition_key[c.n + 1], '') || E'\\n' || coalesce(r.task_id[c.n + 1], '') || E'\\n'"
      + " || coalesce(r.activity_id[c.n + 1], '') || E'\\n' || r.payload[c.n + 1], 'UTF8')), 'hex')"
      + " from chain c, r where c.n < cardinality(r.event_type)),"
      + " appended as (insert into audit_event (" + COLUMNS + ")"
      + " select ?, c.seq, r.event_type[c.n], r.occurred_at[c.n]::timestamptz, r.user_id[c.n],"
      + " r.process_instance_id[c.n], r.process_definition_key[c.n], r.task_id[c.n], r.activity_id[c.n],"
      + " r.payload[c.n], c.prev_hash, c.hash from chain c, r where c.n > 0)";

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
