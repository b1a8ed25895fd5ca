package com.zhidu.reportapproval;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The record of review decisions (§3.1.5, §3.4.4). Uses the engine's DataSource, so a write joins the
 * engine's transaction: a refused or failed completion leaves no row.
 */
@Repository("reviewDecisionRepository")
public class ReviewDecisionRepository {

  private final JdbcTemplate jdbc;

  public ReviewDecisionRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Records the decision once per task: a repeated call for the same task changes nothing. */
  public void record(ReviewDecision d) {
    Integer existing = jdbc.queryForObject("select count(*) from review_decision where task_id = ?",
        Integer.class, d.taskId());
    if (existing != null && existing > 0) {
      return;
    }
    jdbc.update("insert into review_decision (task_id, process_instance_id, stage, decision, comment,"
            + " decided_by, decided_at, subject_type, subject_id, subject_version)"
            + " values (?,?,?,?,?,?,?,?,?,?)",
        d.taskId(), d.processInstanceId(), d.stage(), d.decision(), d.comment(), d.decidedBy(),
        Timestamp.from(d.decidedAt()), d.subjectType(), d.subjectId(), d.subjectVersion());
  }

  /** All decisions about a subject, oldest first. */
  public List<ReviewDecision> decisionsAbout(String subjectType, String subjectId) {
    return jdbc.query("select * from review_decision where subject_type = ? and subject_id = ? order by id",
        ReviewDecisionRepository::map, subjectType, subjectId);
  }

  /** Whether the given version of a subject was sent back for revision. */
  public boolean revisionRequested(String subjectType, String subjectId, int subjectVersion) {
    Integer rejections = jdbc.queryForObject("select count(*) from review_decision where subject_type = ?"
            + " and subject_id = ? and subject_version = ? and decision = ?",
        Integer.class, subjectType, subjectId, subjectVersion, ReviewDecision.REJECTED);
    return rejections != null && rejections > 0;
  }

  private static ReviewDecision map(ResultSet rs, int row) throws SQLException {
    int version = rs.getInt("subject_version");
    return new ReviewDecision(rs.getString("task_id"), rs.getString("process_instance_id"),
        rs.getString("stage"), rs.getString("decision"), rs.getString("comment"), rs.getString("decided_by"),
        rs.getTimestamp("decided_at").toInstant(), rs.getString("subject_type"), rs.getString("subject_id"),
        rs.wasNull() ? null : version);
  }
}
