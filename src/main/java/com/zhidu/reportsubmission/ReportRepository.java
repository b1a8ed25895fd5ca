package com.zhidu.reportsubmission;

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
 * Reports, their versions and recipients: the source of truth for author, area, content and status.
 * Registered as {@code reportRepository} so the BPMN can ask it, e.g. the revise task's assignee
 * {@code ${reportRepository.authorOf(reportId)}}. Joins the engine's transaction (same DataSource).
 */
@Repository("reportRepository")
public class ReportRepository {

  private final JdbcTemplate jdbc;

  public ReportRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Creates the report of a submission once; a repeated call returns the existing report's id. */
  public long createOnce(String processInstanceId, String kind, String period, String author, String area) {
    Optional<Report> existing = findBySubmission(processInstanceId);
    if (existing.isPresent()) {
      return existing.get().id();
    }
    jdbc.update("insert into report (process_instance_id, kind, period, author, area, status, submitted_at)"
            + " values (?,?,?,?,?,?,?)",
        processInstanceId, kind, period, author, area, Report.IN_REVIEW, now());
    return findBySubmission(processInstanceId).orElseThrow().id();
  }

  /** Adds the given version unless it exists already (a retried job writes nothing twice). */
  public void addVersionOnce(long reportId, int version, ReportContent content, String createdBy) {
    if (version(reportId, version).isPresent()) {
      return;
    }
    jdbc.update("insert into report_version (report_id, version, title, summary, body, document_link,"
            + " created_by, created_at) values (?,?,?,?,?,?,?,?)",
        reportId, version, content.title(), content.summary(), content.body(), content.documentLink(),
        createdBy, now());
  }

  public void addRecipientOnce(long reportId, String recipient) {
    Integer existing = jdbc.queryForObject("select count(*) from report_recipient where report_id = ? and recipient = ?",
        Integer.class, reportId, recipient);
    if (existing == null || existing == 0) {
      jdbc.update("insert into report_recipient (report_id, recipient) values (?,?)", reportId, recipient);
    }
  }

  /** Marks the report approved in its latest version; nothing changes if it is approved already. */
  public void markApproved(long reportId) {
    jdbc.update("update report set status = ?, approved_at = ?, approved_version = ? where id = ? and status <> ?",
        Report.APPROVED, now(), latestVersionOf(reportId), reportId, Report.APPROVED);
  }

  /** Records the acknowledgement (閱知) once: the first one counts. */
  public void acknowledge(long reportId, String recipient, String acknowledgedBy, String feedback) {
    jdbc.update("update report_recipient set acknowledged_at = ?, acknowledged_by = ?, feedback = ?"
            + " where report_id = ? and recipient = ? and acknowledged_at is null",
        now(), acknowledgedBy, feedback, reportId, recipient);
  }

  public Optional<Report> findBySubmission(String processInstanceId) {
    return jdbc.query("select * from report where process_instance_id = ?", ReportRepository::report,
        processInstanceId).stream().findFirst();
  }

  public Report report(long reportId) {
    return jdbc.queryForObject("select * from report where id = ?", ReportRepository::report, reportId);
  }

  public String authorOf(long reportId) {
    return report(reportId).author();
  }

  public String areaOf(long reportId) {
    return report(reportId).area();
  }

  public int latestVersionOf(long reportId) {
    Integer latest = jdbc.queryForObject("select max(version) from report_version where report_id = ?",
        Integer.class, reportId);
    if (latest == null) {
      throw new IllegalStateException("Report " + reportId + " has no version");
    }
    return latest;
  }

  public ReportVersion latestVersion(long reportId) {
    return version(reportId, latestVersionOf(reportId)).orElseThrow();
  }

  public Optional<ReportVersion> version(long reportId, int version) {
    return jdbc.query("select * from report_version where report_id = ? and version = ?",
        ReportRepository::version, reportId, version).stream().findFirst();
  }

  public List<ReportVersion> versions(long reportId) {
    return jdbc.query("select * from report_version where report_id = ? order by version",
        ReportRepository::version, reportId);
  }

  public List<ReportRecipient> recipients(long reportId) {
    return jdbc.query("select * from report_recipient where report_id = ? order by id",
        (rs, row) -> new ReportRecipient(rs.getLong("report_id"), rs.getString("recipient"),
            instant(rs.getTimestamp("acknowledged_at")), rs.getString("acknowledged_by"), rs.getString("feedback")),
        reportId);
  }

  /** The recipients' user ids, for the multi-instance 閱知 task. */
  public List<String> recipientsOf(long reportId) {
    return recipients(reportId).stream().map(ReportRecipient::recipient).toList();
  }

  /** The recipients comma-separated, as report-approval's {@code recipients} input. */
  public String recipientListOf(long reportId) {
    return String.join(",", recipientsOf(reportId));
  }

  private static Report report(ResultSet rs, int row) throws SQLException {
    int approvedVersion = rs.getInt("approved_version");
    Integer approved = rs.wasNull() ? null : approvedVersion;
    return new Report(rs.getLong("id"), rs.getString("process_instance_id"), rs.getString("kind"),
        rs.getString("period"), rs.getString("author"), rs.getString("area"), rs.getString("status"),
        instant(rs.getTimestamp("submitted_at")), instant(rs.getTimestamp("approved_at")), approved);
  }

  private static ReportVersion version(ResultSet rs, int row) throws SQLException {
    return new ReportVersion(rs.getLong("report_id"), rs.getInt("version"), rs.getString("title"),
        rs.getString("summary"), rs.getString("body"), rs.getString("document_link"),
        rs.getString("created_by"), instant(rs.getTimestamp("created_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }
}
