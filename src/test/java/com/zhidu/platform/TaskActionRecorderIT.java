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

  private List<TaskAction> stored(String taskId) {
    return jdbc.query("select " + TaskActionRecorder.COLUMNS + " from task_action where task_id = ? order by id",
        (rs, n) -> new TaskAction(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8)), taskId);
  }
}
