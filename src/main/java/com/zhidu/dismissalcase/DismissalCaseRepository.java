package com.zhidu.dismissalcase;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Dismissal cases (§4.1.4): one per appraisal that made two consecutive unqualified cycles. */
@Repository("dismissalCaseRepository")
public class DismissalCaseRepository {

  public record DismissalCase(long id, String employeeId, long appraisalId, long previousAppraisalId, String status,
      String legalBasis, String facts, String preparedBy, Instant openedAt, Instant decidedAt, String processInstanceId) {}

  public static final String OPEN = "open";
  public static final String IN_REVIEW = "inReview";

  private final JdbcTemplate jdbc;

  public DismissalCaseRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Idempotent: the existing case of that appraisal, or a new open one. */
  public DismissalCase open(String employeeId, long appraisalId, long previousAppraisalId) {
    Optional<DismissalCase> existing = jdbc.query("select * from dismissal_case where appraisal_id = ?",
        DismissalCaseRepository::row, appraisalId).stream().findFirst();
    if (existing.isPresent()) {
      return existing.get();
    }
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.update(c -> {
      var s = c.prepareStatement("insert into dismissal_case (employee_id, appraisal_id, previous_appraisal_id, status,"
          + " opened_at) values (?, ?, ?, ?, ?)", new String[] {"id"});
      s.setString(1, employeeId);
      s.setLong(2, appraisalId);
      s.setLong(3, previousAppraisalId);
      s.setString(4, OPEN);
      s.setTimestamp(5, new Timestamp(ClockUtil.getCurrentTime().getTime()));
      return s;
    }, key);
    return find(key.getKey().longValue()).orElseThrow();
  }

  public Optional<DismissalCase> find(long id) {
    return jdbc.query("select * from dismissal_case where id = ?", DismissalCaseRepository::row, id).stream().findFirst();
  }

  public List<DismissalCase> all() {
    return jdbc.query("select * from dismissal_case order by id", DismissalCaseRepository::row);
  }

  public void processInstance(long id, String processInstanceId) {
    jdbc.update("update dismissal_case set process_instance_id = ? where id = ?", processInstanceId, id);
  }

  public void prepared(long id, String legalBasis, String facts, String preparedBy, String status) {
    jdbc.update("update dismissal_case set legal_basis = ?, facts = ?, prepared_by = ?, status = ? where id = ?",
        legalBasis, facts, preparedBy, status, id);
  }

  public void decided(long id, String status) {
    jdbc.update("update dismissal_case set status = ?, decided_at = ? where id = ?", status,
        new Timestamp(ClockUtil.getCurrentTime().getTime()), id);
  }

  public String preparedBy(Object caseId) {
    return get(caseId).preparedBy();
  }

  public String title(Object caseId) {
    DismissalCase c = get(caseId);
    return "解僱案件 DSM-" + c.id() + ":" + c.employeeId();
  }

  public String summary(Object caseId) {
    DismissalCase c = get(caseId);
    return "法律依據:" + c.legalBasis() + "\n事實:" + c.facts();
  }

  private DismissalCase get(Object caseId) {
    long id = caseId instanceof Number n ? n.longValue() : Long.parseLong(caseId.toString());
    return find(id).orElseThrow(() -> new IllegalStateException("no dismissal case " + id));
  }

  private static DismissalCase row(ResultSet rs, int n) throws SQLException {
    Timestamp decided = rs.getTimestamp("decided_at");
    return new DismissalCase(rs.getLong("id"), rs.getString("employee_id"), rs.getLong("appraisal_id"),
        rs.getLong("previous_appraisal_id"), rs.getString("status"), rs.getString("legal_basis"), rs.getString("facts"),
        rs.getString("prepared_by"), rs.getTimestamp("opened_at").toInstant(),
        decided == null ? null : decided.toInstant(), rs.getString("process_instance_id"));
  }
}
