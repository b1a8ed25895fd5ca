package com.zhidu.salesopportunity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Sales opportunities (§3.3.5): raised from care contacts and complaints, followed up by the sales group. */
@Repository
public class OpportunityRepository {

  private final JdbcTemplate jdbc;

  public OpportunityRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Records the opportunity once per source and reference; a repeated call returns the existing one. */
  public Opportunity raiseOnce(long customerId, String source, String sourceRef, String need, String solution,
      String owner, String raisedBy) {
    Optional<Opportunity> existing = find(source, sourceRef);
    if (existing.isPresent()) {
      return existing.get();
    }
    jdbc.update("insert into opportunity (customer_id, source, source_ref, need, proposed_solution, owner, raised_by,"
            + " raised_at, status) values (?,?,?,?,?,?,?,?,?)", customerId, source, sourceRef, need, solution, owner,
        raisedBy, now(), Opportunity.OPEN);
    return find(source, sourceRef).orElseThrow();
  }

  public void linkCase(long id, String processInstanceId) {
    jdbc.update("update opportunity set process_instance_id = ? where id = ? and process_instance_id is null",
        processInstanceId, id);
  }

  /** Records the sales group's follow-up once: the first completion counts. */
  public void recordOutcome(long id, String status, String note, String followedUpBy) {
    jdbc.update("update opportunity set status = ?, outcome_note = ?, followed_up_by = ?, closed_at = ?"
        + " where id = ? and status = ?", status, note, followedUpBy, now(), id, Opportunity.OPEN);
  }

  public Optional<Opportunity> find(String source, String sourceRef) {
    return jdbc.query("select * from opportunity where source = ? and source_ref = ?", OpportunityRepository::row,
        source, sourceRef).stream().findFirst();
  }

  public Opportunity opportunity(long id) {
    return jdbc.query("select * from opportunity where id = ?", OpportunityRepository::row, id).stream().findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no opportunity " + id));
  }

  public List<Opportunity> ofCustomer(long customerId) {
    return jdbc.query("select * from opportunity where customer_id = ? order by id", OpportunityRepository::row,
        customerId);
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }

  private static Opportunity row(ResultSet rs, int row) throws SQLException {
    Timestamp closed = rs.getTimestamp("closed_at");
    return new Opportunity(rs.getLong("id"), rs.getLong("customer_id"), rs.getString("source"),
        rs.getString("source_ref"), rs.getString("need"), rs.getString("proposed_solution"), rs.getString("owner"),
        rs.getString("raised_by"), rs.getTimestamp("raised_at").toInstant(), rs.getString("process_instance_id"),
        rs.getString("status"), rs.getString("outcome_note"), rs.getString("followed_up_by"),
        closed == null ? null : closed.toInstant());
  }
}
