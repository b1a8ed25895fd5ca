package com.zhidu.customercare;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Care contacts (§3.3.3): planned by the daily run of customer-care, done by the CRM group. Registered as
 * {@code careContactRepository} so the BPMN can ask for a run's contacts.
 */
@Repository("careContactRepository")
public class CareContactRepository {

  /** A customer as the care run needs it. */
  public record Target(long id, String customerClass, LocalDate birthday, LocalDate createdOn) {}

  private final JdbcTemplate jdbc;

  public CareContactRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<Target> targets(java.time.ZoneId zone) {
    return jdbc.query("select id, class, contact_birthday, created_at from customer order by id", (rs, row) -> {
      Date birthday = rs.getDate("contact_birthday");
      return new Target(rs.getLong("id"), rs.getString("class"), birthday == null ? null : birthday.toLocalDate(),
          rs.getTimestamp("created_at").toInstant().atZone(zone).toLocalDate());
    });
  }

  /** The latest occasion date of this kind of contact with the customer, planned by any run. */
  public Optional<LocalDate> lastDueOn(long customerId, String occasion) {
    Date last = jdbc.queryForObject("select max(due_on) from care_contact where customer_id = ? and occasion = ?",
        Date.class, customerId, occasion);
    return Optional.ofNullable(last).map(Date::toLocalDate);
  }

  /** Plans a contact once per customer, occasion and date: a second run of the same day plans nothing again. */
  public void planOnce(long customerId, String occasion, String holiday, String channel, LocalDate dueOn,
      String customerClass, String processInstanceId) {
    Integer existing = jdbc.queryForObject("select count(*) from care_contact where customer_id = ? and occasion = ?"
        + " and due_on = ?", Integer.class, customerId, occasion, Date.valueOf(dueOn));
    if (existing != null && existing > 0) {
      return;
    }
    jdbc.update("insert into care_contact (customer_id, occasion, holiday, channel, due_on, customer_class,"
            + " process_instance_id, planned_at, status) values (?,?,?,?,?,?,?,?,?)", customerId, occasion, holiday,
        channel, Date.valueOf(dueOn), customerClass, processInstanceId, now(), CareContact.OPEN);
  }

  public List<Long> plannedBy(String processInstanceId) {
    return jdbc.queryForList("select id from care_contact where process_instance_id = ? order by id", Long.class,
        processInstanceId);
  }

  public CareContact contact(long id) {
    return jdbc.query("select * from care_contact where id = ?", CareContactRepository::row, id).stream().findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no care contact " + id));
  }

  public List<CareContact> ofCustomer(long customerId) {
    return jdbc.query("select * from care_contact where customer_id = ? order by due_on, id", CareContactRepository::row,
        customerId);
  }

  /** Records the outcome once: the first completion counts. */
  public void recordOutcome(long id, String channelUsed, boolean reached, String outcome, String doneBy) {
    jdbc.update("update care_contact set status = ?, channel_used = ?, reached = ?, outcome = ?, done_by = ?,"
            + " done_at = ? where id = ? and status = ?", CareContact.DONE, channelUsed, reached, outcome, doneBy,
        now(), id, CareContact.OPEN);
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }

  private static CareContact row(ResultSet rs, int row) throws SQLException {
    Timestamp done = rs.getTimestamp("done_at");
    return new CareContact(rs.getLong("id"), rs.getLong("customer_id"), rs.getString("occasion"),
        rs.getString("holiday"), rs.getString("channel"), rs.getDate("due_on").toLocalDate(),
        rs.getString("customer_class"), rs.getString("process_instance_id"), rs.getString("status"),
        rs.getString("channel_used"), rs.getObject("reached", Boolean.class), rs.getString("outcome"),
        rs.getString("done_by"), done == null ? null : done.toInstant());
  }
}
