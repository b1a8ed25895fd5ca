package com.zhidu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.ZhiduIT;
import com.zhidu.audit.AuditTrail;
import com.zhidu.platform.TaskActionRecorder.TaskAction;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * task_action on the real PostgreSQL: a transaction's rows are kept until it commits and then go with the audit
 * trail's statement for the case (or by themselves when the transaction appends no audit row), stored as recorded
 * and in order; a read in the same transaction sees them; a rollback leaves none.
 */
@ZhiduIT
class TaskActionRecorderIT {

  @Autowired TaskActionRecorder recorder;
  @Autowired AuditTrail trail;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;

  @Test
  void rowsGoWithTheAuditRowsOfTheTransactionAndAreStoredAsRecorded() {
    String caseId = "task-action-it-" + UUID.randomUUID();
    String taskId = UUID.randomUUID().toString();
    TaskAction created = new TaskAction(taskId, "擬定合同", caseId, "sales-contract", "create", null, null,
        Timestamp.valueOf("2026-11-29 09:15:00.123"));
    TaskAction completed = new TaskAction(taskId, "擬定合同", caseId, "sales-contract", "complete", "chenjing",
        "sunli", Timestamp.valueOf("2026-11-29 09:16:30.5"));
    transactions.executeWithoutResult(status -> {
      recorder.record(created);
      trail.append(new AuditTrail.Entry(caseId, "test.task", "chenjing", null, null, taskId, null, "{}"));
      recorder.record(completed);
      assertThat(trail.rowsOf(caseId)).as("the audit rows, written for this read").hasSize(1);
      assertThat(TaskActionRecorder.takePending()).as("taken by the audit trail's statement").isEmpty();
      assertThat(stored(taskId)).as("visible in the transaction").containsExactly(created, completed);
    });
    assertThat(stored(taskId)).containsExactly(created, completed);
  }

  @Test
  void withoutAuditRowsTheyAreWrittenBeforeCommitAndReadsInTheTransactionSeeThem() {
    String caseId = "task-action-it-" + UUID.randomUUID();
    TaskAction first = new TaskAction(UUID.randomUUID().toString(), "review", caseId, null, "complete", "zhangwei",
        null, Timestamp.valueOf("2026-11-29 10:00:00"));
    TaskAction second = new TaskAction(UUID.randomUUID().toString(), "review", caseId, null, "complete", null,
        "linzong", Timestamp.valueOf("2026-11-29 10:00:01"));
    transactions.executeWithoutResult(status -> {
      recorder.record(first);
      recorder.record(second);
      assertThat(recorder.performersOf(caseId, "review")).containsExactly("zhangwei");
    });
    assertThat(stored(first.taskId())).containsExactly(first);
    assertThat(stored(second.taskId())).containsExactly(second);

    TaskAction rolledBack = new TaskAction(UUID.randomUUID().toString(), "review", caseId, null, "claim", "linzong",
        "linzong", Timestamp.valueOf("2026-11-29 10:00:02"));
    transactions.executeWithoutResult(status -> {
      recorder.record(rolledBack);
      trail.append(new AuditTrail.Entry(caseId, "test.task", "linzong", null, null, rolledBack.taskId(), null, "{}"));
      status.setRollbackOnly();
    });
    assertThat(stored(rolledBack.taskId())).isEmpty();
  }


  /**
   * A before-commit hook that runs after the records' own (Spring orders them) may still record: an audit row of a case
   * the transaction had not touched and a task action. Both are written at once, in the transaction.
   */
  @Test
  void recordsMadeAfterTheBeforeCommitWritesAreWrittenAtOnce() {
    String caseId = "task-action-it-" + UUID.randomUUID();
    String otherCase = "task-action-it-" + UUID.randomUUID();
    TaskAction late = new TaskAction(UUID.randomUUID().toString(), "review", otherCase, null, "complete", "zhangwei",
        null, Timestamp.valueOf("2026-11-29 11:00:00"));
    transactions.executeWithoutResult(status -> {
      trail.append(new AuditTrail.Entry(caseId, "test.first", "chenjing", null, null, null, null, "{}"));
      org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
          new org.springframework.transaction.support.TransactionSynchronization() {
            @Override
            public int getOrder() {
              return org.springframework.core.Ordered.LOWEST_PRECEDENCE;
            }

            @Override
            public void beforeCommit(boolean readOnly) {
              trail.append(new AuditTrail.Entry(otherCase, "test.late", "zhangwei", null, null, null, null, "{}"));
              recorder.record(late);
            }
          });
    });
    assertThat(trail.rowsOf(caseId)).hasSize(1);
    assertThat(trail.rowsOf(otherCase)).as("a chain opened after the audit rows went out").hasSize(1);
    assertThat(stored(late.taskId())).containsExactly(late);
  }

  private List<TaskAction> stored(String taskId) {
    return jdbc.query("select " + TaskActionRecorder.COLUMNS + " from task_action where task_id = ? order by id",
        (rs, n) -> new TaskAction(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8)), taskId);
  }
}
