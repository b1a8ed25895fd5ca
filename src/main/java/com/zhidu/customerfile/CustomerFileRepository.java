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

  /**
   * Saves the file as the CRM group entered it in customer-file's form (§3.3.1): basic data, contact,
   * birthday, preferences. The class is set separately from the purchase history ({@link CustomerClassifier}).
   */
  public void update(long id, String name, String contactName, String phone, String email, LocalDate birthday,
      String preferences, String updatedBy) {
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    jdbc.update("update customer set name = ?, contact = ?, phone = ?, email = ?, contact_birthday = ?,"
            + " preferences = ?, updated_at = ?, updated_by = ? where id = ?",
        name, contactName, phone, email, birthday == null ? null : Date.valueOf(birthday), preferences, now,
        updatedBy, id);
  }

  public void setClass(long id, String customerClass) {
    jdbc.update("update customer set class = ? where id = ?", customerClass, id);
  }

  /** Notes that a procedure met the customer (a care contact, a complaint's feedback): the file is current. */
  public void touch(long id) {
    jdbc.update("update customer set updated_at = ? where id = ?", new Timestamp(ClockUtil.getCurrentTime().getTime()),
        id);
  }

  /**
   * Keeps what the customer said in the file (客戶回饋, §3.3.1), once per recording task: a repeated call with
   * the same source and reference writes nothing.
   */
  public void addFeedbackOnce(long customerId, String source, String sourceRef, String note, String recordedBy) {
    if (note == null || note.isBlank()) {
      return;
    }
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    Integer existing = jdbc.queryForObject("select count(*) from customer_feedback where source = ?"
        + " and source_ref = ?", Integer.class, source, sourceRef);
    if (existing != null && existing > 0) {
      return;
    }
    jdbc.update("insert into customer_feedback (customer_id, source, source_ref, note, recorded_by, recorded_at)"
        + " values (?,?,?,?,?,?)", customerId, source, sourceRef, note, recordedBy, now);
    touch(customerId);
  }

  /** The file's feedback, newest first. */
  public List<Feedback> feedbackOf(long customerId) {
    return jdbc.query("select * from customer_feedback where customer_id = ? order by recorded_at desc, id desc",
        (rs, row) -> new Feedback(rs.getString("source"), rs.getString("note"), rs.getString("recorded_by"),
            instant(rs.getTimestamp("recorded_at"))), customerId);
  }

  /** One entry of 客戶回饋: where it came from (file, care, complaint), what was said, by whom, when. */
  public record Feedback(String source, String note, String recordedBy, Instant recordedAt) {}

  /**
   * The purchase history (購買記錄, §3.3.1) from the signed sales contracts (§3.2.4) of this customer, as of
   * today in the company time zone: the figures the classification by value and purchase frequency uses.
   */
  public PurchaseHistory purchaseHistory(long customerId) {
    LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone);
    // The signing date as entered; a signed row without one counts from when it was recorded as signed.
    List<PurchaseHistory.Purchase> purchases = jdbc.query("select c.contract_no, c.signing_date, c.signed_at,"
            + " v.title, v.currency, v.contract_value_minor from sales_contract c join sales_contract_version v"
            + " on v.contract_id = c.id and v.version = c.signed_version"
            + " where c.customer_id = ? and c.status = 'signed' and (c.signing_date is not null"
            + " or c.signed_at is not null) order by c.id desc",
        (rs, row) -> {
          Date signed = rs.getDate("signing_date");
          LocalDate on = signed != null ? signed.toLocalDate()
              : rs.getTimestamp("signed_at").toInstant().atZone(zone).toLocalDate();
          return new PurchaseHistory.Purchase(rs.getString("contract_no"), on, rs.getString("title"),
              rs.getString("currency"), rs.getLong("contract_value_minor"));
        }, customerId);
    return PurchaseHistory.of(purchases, today);
  }

  public ZoneId zone() {
    return zone;
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
