package com.zhidu.customerfile;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Customer files (§3.3.1, §3.3.2). Registered as {@code customerFileRepository} so the BPMN can ask it, e.g.
 * the files due for review {@code ${customerFileRepository.staleFileIds()}}. Joins the engine's transaction.
 */
@Repository("customerFileRepository")
public class CustomerFileRepository {

  private final JdbcTemplate jdbc;
  private final Period reviewAfter;
  private final ZoneId zone;

  public CustomerFileRepository(JdbcTemplate jdbc,
      @Value("${zhidu.customer-file.review-after:P12M}") Period reviewAfter,
      @Value("${zhidu.time-zone:Asia/Taipei}") ZoneId zone) {
    this.jdbc = jdbc;
    this.reviewAfter = reviewAfter;
    this.zone = zone;
  }

  public CustomerFile fileOf(long id) {
    return find(id).orElseThrow(() -> new IllegalArgumentException("no customer file " + id));
  }

  /** Files not reviewed (or, never reviewed, not created) within {@code zhidu.customer-file.review-after}. */
  public List<Long> staleFileIds() {
    Timestamp cutoff = Timestamp.from(ClockUtil.getCurrentTime().toInstant().atZone(zone).minus(reviewAfter)
        .toInstant());
    return jdbc.queryForList("select id from customer where coalesce(last_reviewed_at, created_at) < ?"
        + " order by id", Long.class, cutoff);
  }

  /** Records a review (覆核): the checked contact data, the new class and when. */
  public void review(long id, String contactName, String phone, String email, LocalDate birthday, String preferences,
      String customerClass) {
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    jdbc.update("update customer set contact = ?, phone = ?, email = ?, contact_birthday = ?,"
            + " preferences = ?, class = ?, updated_at = ?, last_reviewed_at = ? where id = ?",
        contactName, phone, email, birthday == null ? null : Date.valueOf(birthday), preferences, customerClass, now,
        now, id);
  }

  public Optional<CustomerFile> find(long id) {
    return jdbc.query("select * from customer where id = ?", CustomerFileRepository::customer, id).stream()
        .findFirst();
  }

  /** Creates a customer file from the contact data a procedure met the customer with; returns its id. */
  public long create(String name, String contactName, String phone, String email, String createdBy) {
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      var statement = connection.prepareStatement("insert into customer (name, contact, phone, email,"
          + " created_at, created_by, updated_at) values (?,?,?,?,?,?,?)", new String[] {"id"});
      statement.setString(1, name);
      statement.setString(2, contactName);
      statement.setString(3, phone);
      statement.setString(4, email);
      statement.setTimestamp(5, now);
      statement.setString(6, createdBy);
      statement.setTimestamp(7, now);
      return statement;
    }, key);
    return key.getKey().longValue();
  }

  private static CustomerFile customer(ResultSet rs, int row) throws SQLException {
    Date birthday = rs.getDate("contact_birthday");
    return new CustomerFile(rs.getLong("id"), rs.getString("name"), rs.getString("contact"),
        rs.getString("phone"), rs.getString("email"), rs.getString("class"),
        birthday == null ? null : birthday.toLocalDate(), rs.getString("preferences"),
        instant(rs.getTimestamp("created_at")), rs.getString("created_by"), instant(rs.getTimestamp("updated_at")),
        instant(rs.getTimestamp("last_reviewed_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
