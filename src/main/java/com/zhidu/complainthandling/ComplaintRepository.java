package com.zhidu.complainthandling;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Complaints, the feedback given to the customer and the corrective actions (§3.3.4): the record that
 * statistics and audits read. Registered as {@code complaintRepository} so the BPMN can ask it, e.g. the
 * reopen limit {@code ${complaintRepository.reopenCountOf(complaintId) < 2}}. Joins the engine's transaction.
 */
@Repository("complaintRepository")
public class ComplaintRepository {

  /** A new complaint, as registered after routing. */
  public record NewComplaint(long customerId, String contactName, String contactPhone, String contactEmail,
      String category, String severity, String description, String contractNumber, String responsibleGroup,
      String receivedBy, Instant receivedAt, Instant responseDueAt, Instant resolutionDueAt) {}

  /** One 客戶回饋 as recorded: {@code progress} while handling (satisfied null) or the {@code result}. */
  public record Feedback(long complaintId, String taskId, String kind, int round, Boolean satisfied, String note,
      String recordedBy, Instant recordedAt) {}

  public static final String PROGRESS = "progress";
  public static final String RESULT = "result";

  /** The 矯正預防措施 of a complaint, tracked to done. */
  public record CorrectiveAction(long complaintId, String correctiveAction, String preventiveAction,
      String responsibleGroup, String status, String decidedBy, Instant decidedAt, String doneBy, Instant doneAt,
      String result) {}

  private final JdbcTemplate jdbc;

  public ComplaintRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Registers the complaint of a process instance once; a repeated call returns the existing id. */
  public long createOnce(String processInstanceId, NewComplaint c) {
    Optional<Complaint> existing = findByProcessInstance(processInstanceId);
    if (existing.isPresent()) {
      return existing.get().id();
    }
    jdbc.update("insert into complaint (process_instance_id, customer_id, contact_name, contact_phone, contact_email,"
            + " category, severity, description, contract_number, responsible_group, received_at, received_by,"
            + " response_due_at, resolution_due_at, reopen_count, status) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,0,?)",
        processInstanceId, c.customerId(), c.contactName(), c.contactPhone(), c.contactEmail(), c.category(),
        c.severity(), c.description(), c.contractNumber(), c.responsibleGroup(), ts(c.receivedAt()), c.receivedBy(),
        ts(c.responseDueAt()), ts(c.resolutionDueAt()), Complaint.OPEN);
    return findByProcessInstance(processInstanceId).orElseThrow().id();
  }

  public Optional<Complaint> findByProcessInstance(String processInstanceId) {
    return jdbc.query("select * from complaint where process_instance_id = ?", ComplaintRepository::complaint,
        processInstanceId).stream().findFirst();
  }

  public Complaint complaint(long id) {
    return jdbc.queryForObject("select * from complaint where id = ?", ComplaintRepository::complaint, id);
  }

  /** Complaints received in [from, to), oldest first. */
  public List<Complaint> receivedBetween(Instant from, Instant to) {
    return jdbc.query("select * from complaint where received_at >= ? and received_at < ? order by received_at, id",
        ComplaintRepository::complaint, ts(from), ts(to));
  }

  public int reopenCountOf(long complaintId) {
    return complaint(complaintId).reopenCount();
  }

  /** The first claim of the handling task is the department's response; later claims change nothing. */
  public void markRespondedOnce(long complaintId) {
    jdbc.update("update complaint set responded_at = ? where id = ? and responded_at is null", now(), complaintId);
  }

  public void markResponseBreachedOnce(long complaintId) {
    jdbc.update("update complaint set response_breached_at = ? where id = ? and response_breached_at is null",
        now(), complaintId);
  }

  public void markResolutionBreachedOnce(long complaintId) {
    jdbc.update("update complaint set resolution_breached_at = ? where id = ? and resolution_breached_at is null",
        now(), complaintId);
  }

  public void reopen(long complaintId) {
    jdbc.update("update complaint set reopen_count = reopen_count + 1 where id = ?", complaintId);
  }

  /** Records one 客戶回饋, once per task. */
  public void addFeedbackOnce(long complaintId, String taskId, String kind, int round, Boolean satisfied, String note,
      String recordedBy) {
    Integer existing = jdbc.queryForObject("select count(*) from complaint_feedback where task_id = ?", Integer.class,
        taskId);
    if (existing == null || existing == 0) {
      jdbc.update("insert into complaint_feedback (complaint_id, task_id, kind, round, satisfied, note, recorded_by,"
          + " recorded_at) values (?,?,?,?,?,?,?,?)", complaintId, taskId, kind, round, satisfied, note, recordedBy,
          now());
    }
  }

  public List<Feedback> feedbackOf(long complaintId) {
    return jdbc.query("select * from complaint_feedback where complaint_id = ? order by id",
        (rs, row) -> new Feedback(rs.getLong("complaint_id"), rs.getString("task_id"), rs.getString("kind"),
            rs.getInt("round"), rs.getObject("satisfied", Boolean.class), rs.getString("note"), rs.getString("recorded_by"),
            instant(rs.getTimestamp("recorded_at"))), complaintId);
  }

  public void recordDispute(long complaintId, String reason, String manager) {
    jdbc.update("update complaint set status = ?, dispute_reason = ?, dispute_closed_by = ? where id = ?",
        Complaint.DISPUTE, reason, manager, complaintId);
  }

  /** Root cause and the decided action; a repeated call (retry) keeps the first decision. */
  public void recordRootCauseOnce(long complaintId, String rootCause, String corrective, String preventive,
      String responsibleGroup, String decidedBy) {
    jdbc.update("update complaint set root_cause = ? where id = ? and root_cause is null", rootCause, complaintId);
    if (correctiveAction(complaintId).isEmpty()) {
      jdbc.update("insert into corrective_action (complaint_id, corrective_action, preventive_action,"
              + " responsible_group, status, decided_by, decided_at) values (?,?,?,?,'open',?,?)",
          complaintId, corrective, preventive, responsibleGroup, decidedBy, now());
    }
  }

  public void markActionDone(long complaintId, String doneBy, String result) {
    jdbc.update("update corrective_action set status = 'done', done_by = ?, done_at = ?, result = ?"
        + " where complaint_id = ? and status = 'open'", doneBy, now(), result, complaintId);
  }

  public Optional<CorrectiveAction> correctiveAction(long complaintId) {
    return jdbc.query("select * from corrective_action where complaint_id = ?",
        (rs, row) -> new CorrectiveAction(rs.getLong("complaint_id"), rs.getString("corrective_action"),
            rs.getString("preventive_action"), rs.getString("responsible_group"), rs.getString("status"),
            rs.getString("decided_by"), instant(rs.getTimestamp("decided_at")), rs.getString("done_by"),
            instant(rs.getTimestamp("done_at")), rs.getString("result")), complaintId).stream().findFirst();
  }

  /** Closes the complaint once; a dispute stays a dispute. */
  public void closeOnce(long complaintId) {
    jdbc.update("update complaint set status = case when status = ? then ? else ? end, closed_at = ?"
        + " where id = ? and closed_at is null", Complaint.DISPUTE, Complaint.DISPUTE, Complaint.CLOSED, now(),
        complaintId);
  }

  private static Complaint complaint(ResultSet rs, int row) throws SQLException {
    return new Complaint(rs.getLong("id"), rs.getString("process_instance_id"), rs.getLong("customer_id"),
        rs.getString("contact_name"), rs.getString("contact_phone"), rs.getString("contact_email"),
        rs.getString("category"), rs.getString("severity"), rs.getString("description"),
        rs.getString("contract_number"), rs.getString("responsible_group"), instant(rs.getTimestamp("received_at")),
        rs.getString("received_by"), instant(rs.getTimestamp("response_due_at")),
        instant(rs.getTimestamp("resolution_due_at")), instant(rs.getTimestamp("responded_at")),
        instant(rs.getTimestamp("response_breached_at")), instant(rs.getTimestamp("resolution_breached_at")),
        rs.getInt("reopen_count"), rs.getString("root_cause"), rs.getString("status"),
        rs.getString("dispute_reason"), rs.getString("dispute_closed_by"), instant(rs.getTimestamp("closed_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }
}
