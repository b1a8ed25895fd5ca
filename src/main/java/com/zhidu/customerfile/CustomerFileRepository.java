package com.zhidu.customerfile;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Customer files (§3.3.1). Joins the engine's transaction (same DataSource). */
@Repository
public class CustomerFileRepository {

  private final JdbcTemplate jdbc;

  public CustomerFileRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<CustomerFile> find(long id) {
    return jdbc.query("select * from customer_file where id = ?", CustomerFileRepository::customer, id).stream()
        .findFirst();
  }

  /** Creates a customer file from the contact data a procedure met the customer with; returns its id. */
  public long create(String name, String contactName, String phone, String email, String createdBy) {
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      var statement = connection.prepareStatement("insert into customer_file (name, contact_name, phone, email,"
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
    return new CustomerFile(rs.getLong("id"), rs.getString("name"), rs.getString("contact_name"),
        rs.getString("phone"), rs.getString("email"), rs.getString("class"),
        birthday == null ? null : birthday.toLocalDate(), rs.getString("preferences"),
        instant(rs.getTimestamp("created_at")), rs.getString("created_by"), instant(rs.getTimestamp("updated_at")),
        instant(rs.getTimestamp("last_reviewed_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
