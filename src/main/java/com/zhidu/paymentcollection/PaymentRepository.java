package com.zhidu.paymentcollection;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Payments received and dunning letters (§3.2.6); joins the engine's transaction (same DataSource). */
@Repository
public class PaymentRepository {

  private final JdbcTemplate jdbc;

  public PaymentRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A payment received against an instalment; {@code taskId} and {@code reference} are each optional. */
  public record Payment(long contractId, int instalmentNo, long amountMinor, LocalDate paidOn, String recordedBy,
      String taskId, String reference) {}

  /**
   * Records a payment once per task and once per reference: a repeated completion of the same task, or the
   * finance system resending the same reference, writes nothing twice.
   */
  public void recordOnce(Payment payment) {
    if (payment.taskId() != null && count("task_id", payment.taskId()) > 0
        || payment.reference() != null && count("reference", payment.reference()) > 0) {
      return;
    }
    jdbc.update("insert into sales_payment (contract_id, instalment_no, amount_minor, paid_on, recorded_by,"
            + " recorded_at, task_id, reference) values (?,?,?,?,?,?,?,?)", payment.contractId(),
        payment.instalmentNo(), payment.amountMinor(), Date.valueOf(payment.paidOn()), payment.recordedBy(), now(),
        payment.taskId(), payment.reference());
  }

  /** The payment the finance system sent with this reference, if any. */
  public Optional<Payment> byReference(String reference) {
    return jdbc.query("select * from sales_payment where reference = ?", (rs, row) -> new Payment(
        rs.getLong("contract_id"), rs.getInt("instalment_no"), rs.getLong("amount_minor"),
        rs.getDate("paid_on").toLocalDate(), rs.getString("recorded_by"), rs.getString("task_id"),
        rs.getString("reference")), reference).stream().findFirst();
  }

  private int count(String column, String value) {
    Integer n = jdbc.queryForObject("select count(*) from sales_payment where " + column + " = ?", Integer.class, value);
    return n == null ? 0 : n;
  }

  public long paidMinor(long contractId, int instalmentNo) {
    Long paid = jdbc.queryForObject("select coalesce(sum(amount_minor), 0) from sales_payment where contract_id = ?"
        + " and instalment_no = ?", Long.class, contractId, instalmentNo);
    return paid == null ? 0 : paid;
  }

  public List<Map<String, Object>> payments(long contractId) {
    return jdbc.queryForList("select instalment_no, amount_minor, recorded_by from sales_payment where contract_id = ?"
        + " order by id", contractId);
  }

  /** One letter per overdue instalment; a retried job finds it and adds nothing. */
  public void addDunningLetterOnce(DunningLetter letter) {
    if (dunningLetter(letter.contractId(), letter.instalmentNo()).isPresent()) {
      return;
    }
    jdbc.update("insert into sales_dunning_letter (contract_id, instalment_no, contract_no, customer_name, currency,"
            + " due_date, overdue_amount_minor, days_overdue, document_id, created_at) values (?,?,?,?,?,?,?,?,?,?)",
        letter.contractId(), letter.instalmentNo(), letter.contractNo(), letter.customerName(), letter.currency(),
        Date.valueOf(letter.dueDate()), letter.overdueAmountMinor(), letter.daysOverdue(), letter.documentId(), now());
  }

  public Optional<DunningLetter> dunningLetter(long contractId, int instalmentNo) {
    return jdbc.query("select * from sales_dunning_letter where contract_id = ? and instalment_no = ?",
        PaymentRepository::dunningLetterRow, contractId, instalmentNo).stream().findFirst();
  }

  public List<DunningLetter> dunningLetters(long contractId) {
    return jdbc.query("select * from sales_dunning_letter where contract_id = ? order by instalment_no",
        PaymentRepository::dunningLetterRow, contractId);
  }

  private static DunningLetter dunningLetterRow(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new DunningLetter(rs.getLong("contract_id"), rs.getInt("instalment_no"), rs.getString("contract_no"),
        rs.getString("customer_name"), rs.getString("currency"), rs.getDate("due_date").toLocalDate(),
        rs.getLong("overdue_amount_minor"), rs.getInt("days_overdue"), rs.getObject("document_id", Long.class));
  }

  /** What a 催款函 states (§3.2.6), and its PDF in {@code document} (null for letters from before V12). */
  public record DunningLetter(long contractId, int instalmentNo, String contractNo, String customerName,
      String currency, LocalDate dueDate, long overdueAmountMinor, int daysOverdue, Long documentId) {}

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }
}
