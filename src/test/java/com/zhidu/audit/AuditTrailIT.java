package com.zhidu.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zhidu.AsUser;
import com.zhidu.ZhiduIT;
import com.zhidu.audit.AuditHash.Row;
import com.zhidu.audit.AuditVerifier.Problem;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail on the real PostgreSQL: rows are written with the engine's transaction, the trigger refuses
 * changes, and the verifier finds rows changed or deleted behind the trigger's back (as a superuser can).
 * The zhidu_it database keeps the tampered cases; assertions look only at this test's own cases.
 */
@ZhiduIT
class AuditTrailIT {

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;
  @Autowired AuditTrail trail;
  @Autowired AuditVerifier verifier;
  @Autowired AuditSealer sealer;

  @Test
  void aCaseLeavesAnIntactChainWithWhoDidWhat() {
    String pi = caseWithDraftDone();
    List<Row> rows = trail.rowsOf(pi);
    assertThat(rows).extracting(Row::eventType).contains("process.start", "task.create", "operation.Claim",
        "task.complete", "operation.Complete", "variable.create");
    assertThat(rows).extracting(Row::seq).containsExactly(
        java.util.stream.LongStream.rangeClosed(1, rows.size()).boxed().toArray(Long[]::new));
    Row completed = rows.stream().filter(r -> r.eventType().equals("task.complete")).findFirst().orElseThrow();
    assertThat(completed.userId()).isEqualTo("chenjing");
    assertThat(completed.activityId()).isEqualTo("draft");
    assertThat(completed.payload()).contains("\"assignee\":\"chenjing\"");
    assertThat(rows.get(0).prevHash()).isEqualTo(AuditHash.GENESIS);
    assertThat(rows.get(1).prevHash()).isEqualTo(rows.get(0).hash());
    assertThat(verifier.verifyCase(pi)).isNull();
  }

  @Test
  void rowsWrittenInOneStatementAreStoredAsAppended() {
    String caseId = "audit-it-" + UUID.randomUUID();
    List<Row> appended = new ArrayList<>();
    // One transaction: a new chain, a flush (a reader in between), more rows; then a second transaction continuing it.
    transactions.executeWithoutResult(status -> {
      appended.add(trail.append(entry(caseId, "test.first", "chenjing", "{\"名稱\":\"稽核\"}")));
      appended.add(trail.append(entry(caseId, "test.second", null, "{}")));
      assertThat(trail.rowsOf(caseId)).as("flushed for the reader").containsExactlyElementsOf(appended);
      appended.add(trail.append(entry(caseId, "test.third", "zhangwei", "{\"text\":\"a\\nb\"}")));
    });
    transactions.executeWithoutResult(status -> {
      appended.add(trail.append(entry(caseId, "test.fourth", null, "{\"n\":1}")));
      appended.add(trail.append(entry(caseId, "test.fifth", "linzong", "{}")));
    });
    assertThat(trail.rowsOf(caseId)).containsExactlyElementsOf(appended);
    assertThat(appended).extracting(Row::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(jdbc.queryForMap("select last_seq, last_hash from audit_chain_head where case_id = ?", caseId))
        .containsEntry("last_seq", 5L).containsEntry("last_hash", appended.get(4).hash());
    assertThat(verifier.verifyCase(caseId)).isNull();
  }

  /** The head's lock serialises transactions appending to one case: each continues where the one before left. */
  @Test
  void transactionsAppendingToOneCaseAtOnceLeaveOneIntactChain() throws Exception {
    String caseId = "audit-it-" + UUID.randomUUID();
    transactions.executeWithoutResult(status -> trail.append(entry(caseId, "test.opened", "chenjing", "{}")));
    int writers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CyclicBarrier start = new CyclicBarrier(writers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        String user = "writer" + w;
        done.add(pool.submit(() -> {
          start.await(20, TimeUnit.SECONDS);
          transactions.executeWithoutResult(status -> {
            trail.append(entry(caseId, "test.first", user, "{\"w\":\"" + user + "\"}"));
            pause(100); // the others arrive meanwhile: without the lock they would read the same head
            trail.append(entry(caseId, "test.second", user, "{}"));
          });
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<Row> rows = trail.rowsOf(caseId);
    assertThat(rows).extracting(Row::seq).containsExactly(
        java.util.stream.LongStream.rangeClosed(1, 1 + 2 * writers).boxed().toArray(Long[]::new));
    for (int i = 1; i < rows.size(); i += 2) {
      assertThat(rows.get(i + 1).userId()).as("a transaction's rows stay together").isEqualTo(rows.get(i).userId());
    }
    assertThat(verifier.verifyCase(caseId)).isNull();
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static AuditTrail.Entry entry(String caseId, String type, String user, String payload) {
    return new AuditTrail.Entry(caseId, type, user, user == null ? null : "pi-" + type, null, null,
        user == null ? null : "活動", payload);
  }

  @Test
  void theTriggerRefusesUpdateDeleteAndTruncate() {
    String pi = caseWithDraftDone();
    assertThatThrownBy(() -> jdbc.update("update audit_event set user_id = 'mallory' where case_id = ?", pi))
        .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.update("delete from audit_event where case_id = ?", pi))
        .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.execute("truncate audit_event"))
        .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
    // Row triggers do not fire on an empty table; truncate is refused by a statement trigger either way.
    assertThatThrownBy(() -> jdbc.execute("truncate audit_seal, audit_seal_head"))
        .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
    assertThat(jdbc.queryForObject("select count(*) from audit_event where case_id = ? and user_id = 'mallory'",
        Integer.class, pi)).isZero();
    assertThat(verifier.verifyCase(pi)).isNull();
  }

  @Test
  void aRowChangedBehindTheTriggersBackIsFound() {
    String pi = caseWithDraftDone();
    Row victim = trail.rowsOf(pi).get(2);
    behindTheTrigger("update audit_event set user_id = 'mallory' where case_id = '" + pi + "' and seq = 3");

    Problem problem = verifier.verifyCase(pi);
    assertThat(problem).isNotNull();
    assertThat(problem.seq()).isEqualTo(3);
    assertThat(problem.kind()).isEqualTo("hash");
    assertThat(problem.stored()).isEqualTo(victim.hash());
    assertThat(problem.expected()).isNotEqualTo(victim.hash());
    assertThat(verifier.verifyAll().problems()).contains(problem);
    assertThat(verifier.verifyAll().intact()).isFalse();
  }

  @Test
  void aRowRehashedBehindTheTriggersBackBreaksTheNextLink() {
    String pi = caseWithDraftDone();
    Row row = trail.rowsOf(pi).get(1);
    Row forged = new Row(row.caseId(), row.seq(), row.eventType(), row.occurredAt(), "mallory",
        row.processInstanceId(), row.processDefinitionKey(), row.taskId(), row.activityId(), row.payload(),
        row.prevHash(), null);
    behindTheTrigger("update audit_event set user_id = 'mallory', hash = '" + forged.expectedHash()
        + "' where case_id = '" + pi + "' and seq = 2");

    Problem problem = verifier.verifyCase(pi);
    assertThat(problem.seq()).isEqualTo(3);
    assertThat(problem.kind()).isEqualTo("prev-hash");
  }

  @Test
  void deletedRowsAreFound() {
    String middle = caseWithDraftDone();
    behindTheTrigger("delete from audit_event where case_id = '" + middle + "' and seq = 2");
    Problem gap = verifier.verifyCase(middle);
    assertThat(gap.kind()).isEqualTo("missing-rows");
    assertThat(gap.seq()).isEqualTo(2);

    String tail = caseWithDraftDone();
    long last = trail.rowsOf(tail).size();
    behindTheTrigger("delete from audit_event where case_id = '" + tail + "' and seq = " + last);
    Problem head = verifier.verifyCase(tail);
    assertThat(head.kind()).isEqualTo("head");
    assertThat(head.seq()).isEqualTo(last);
  }

  @Test
  void aRolledBackCommandLeavesNoAuditRow() {
    String[] pi = new String[1];
    transactions.executeWithoutResult(status -> {
      as("chenjing", () -> pi[0] = runtime.startProcessInstanceByKey("four-eyes-fixture",
          Map.of("title", "回滾", "author", "chenjing")).getId());
      assertThat(trail.rowsOf(pi[0])).as("written inside the transaction").isNotEmpty();
      status.setRollbackOnly();
    });
    assertThat(trail.rowsOf(pi[0])).isEmpty();
    assertThat(jdbc.queryForObject("select count(*) from audit_chain_head where case_id = ?", Integer.class, pi[0]))
        .isZero();

    // A completion the four-eyes rule refuses is rolled back with its audit rows.
    String own = caseWithDraftDone();
    int before = trail.rowsOf(own).size();
    String review = tasks.createTaskQuery().processInstanceId(own).taskDefinitionKey("review").singleResult().getId();
    assertThatThrownBy(() -> as("chenjing", () -> tasks.claim(review, "chenjing")));
    assertThat(trail.rowsOf(own)).hasSize(before);
    assertThat(verifier.verifyCase(own)).isNull();
  }

  @Test
  void sealsChainTheDaysHeadsAndCatchRewrittenSealedRows() {
    String pi = caseWithDraftDone();
    LocalDate day = nextFreeDay();
    AuditSealer.Seal first = sealer.seal(day);
    assertThat(sealer.seal(day)).as("sealing a day twice changes nothing").isEqualTo(first);
    long sealedSeq = trail.rowsOf(pi).size();
    assertThat(jdbc.queryForObject("select seq from audit_seal_head where seal_no = ? and case_id = ?", Long.class,
        first.sealNo(), pi)).isEqualTo(sealedSeq);

    String review = tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey("review").singleResult().getId();
    as("zhangwei", () -> tasks.claim(review, "zhangwei"));
    AuditSealer.Seal second = sealer.seal(day.plusDays(1));
    assertThat(second.sealNo()).isEqualTo(first.sealNo() + 1);
    assertThat(second.prevSealHash()).isEqualTo(first.hash());
    assertThat(jdbc.queryForObject("select seq from audit_seal_head where seal_no = ? and case_id = ?", Long.class,
        second.sealNo(), pi)).isGreaterThan(sealedSeq);
    assertThat(verifier.verifyAll().problems()).noneMatch(p -> p.kind().equals("seal"));

    // Rewriting the whole chain consistently (rows and head) still breaks the seal.
    Row row = trail.rowsOf(pi).get((int) sealedSeq - 1);
    behindTheTrigger("update audit_event set hash = '" + AuditHash.sha256("forged") + "' where case_id = '" + pi
        + "' and seq = " + sealedSeq);
    assertThat(verifier.verifyAll().problems())
        .anyMatch(p -> p.caseId().equals(pi) && p.kind().equals("sealed-row") && p.seq() == sealedSeq
            && p.expected().equals(row.hash()));
  }

  // --- helpers -------------------------------------------------------------------------------------------

  private String caseWithDraftDone() {
    String[] pi = new String[1];
    as("chenjing", () -> pi[0] = runtime.startProcessInstanceByKey("four-eyes-fixture",
        Map.of("title", "稽核測試", "author", "chenjing")).getId());
    String draft = tasks.createTaskQuery().processInstanceId(pi[0]).taskDefinitionKey("draft").singleResult().getId();
    as("chenjing", () -> tasks.claim(draft, "chenjing"));
    as("chenjing", () -> tasks.complete(draft));
    return pi[0];
  }

  /** As a superuser can: switch the trigger off, change the table, switch it on again. */
  private void behindTheTrigger(String sql) {
    transactions.executeWithoutResult(status -> {
      jdbc.execute("alter table audit_event disable trigger audit_event_append_only");
      jdbc.execute(sql);
      jdbc.execute("alter table audit_event enable trigger audit_event_append_only");
    });
  }

  private LocalDate nextFreeDay() {
    LocalDate last = jdbc.queryForObject("select max(seal_day) from audit_seal", LocalDate.class);
    return last == null ? LocalDate.of(2000, 1, 1) : last.plusDays(1);
  }

  private void as(String user, Runnable action) {
    new AsUser(identity).run(user, action);
  }
}
