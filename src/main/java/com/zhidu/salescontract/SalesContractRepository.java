package com.zhidu.salescontract;

import com.zhidu.customerfile.CustomerFile;
import com.zhidu.customerfile.CustomerFileRepository;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Customers, contracts and their versions, line items and instalments: the source of truth for the
 * drafter, the terms and the status. Registered as {@code salesContractRepository} so the BPMN can ask it
 * (e.g. the revise task's assignee). Joins the engine's transaction (same DataSource).
 */
@Repository("salesContractRepository")
public class SalesContractRepository {

  private final JdbcTemplate jdbc;
  private final CustomerFileRepository customerFiles;
  private final ZoneId zone;

  public SalesContractRepository(JdbcTemplate jdbc, CustomerFileRepository customerFiles,
      @Value("${zhidu.time-zone:Asia/Taipei}") ZoneId zone) {
    this.jdbc = jdbc;
    this.customerFiles = customerFiles;
    this.zone = zone;
  }

  // ------------------------------------------------------------------------------------------ customers

  // The customer file (§3.3.1) is one table for every procedure; contracts use it through its repository.
  public long createCustomer(ContractTerms.NewCustomer customer, String createdBy) {
    return customerFiles.create(customer.name(), customer.contact(), customer.phone(), customer.email(), createdBy);
  }

  public boolean customerExists(long customerId) {
    return customerFiles.find(customerId).isPresent();
  }

  public Customer customer(long customerId) {
    CustomerFile file = customerFiles.fileOf(customerId);
    return new Customer(file.id(), file.name(), file.contactName(), file.phone(), file.email());
  }

  // ------------------------------------------------------------------------------------------ contracts

  /** Creates the contract of a case once; a repeated call returns the existing contract's id. */
  public long createOnce(String processInstanceId, long customerId, String drafter) {
    Optional<SalesContract> existing = findByCase(processInstanceId);
    if (existing.isPresent()) {
      return existing.get().id();
    }
    jdbc.update("insert into sales_contract (process_instance_id, customer_id, drafter, status, created_at)"
        + " values (?,?,?,?,?)", processInstanceId, customerId, drafter, SalesContract.IN_REVIEW, now());
    SalesContract created = findByCase(processInstanceId).orElseThrow();
    // The number people quote on paper: year of drafting and the contract's id.
    String number = "SC" + ClockUtil.getCurrentTime().toInstant().atZone(zone).getYear()
        + "-" + String.format("%05d", created.id());
    jdbc.update("update sales_contract set contract_no = ? where id = ?", number, created.id());
    return created.id();
  }

  /** Adds the given version with its lines and instalments unless it exists already (retried jobs). */
  public void addVersionOnce(long contractId, int version, long customerId, ContractTerms terms, String createdBy) {
    if (version(contractId, version).isPresent()) {
      return;
    }
    jdbc.update("insert into sales_contract_version (contract_id, version, title, customer_id, seller_party,"
            + " buyer_party, rights_and_obligations, currency, contract_value_minor, delivery_date, sales_channel,"
            + " needs_production, needs_installation, created_by, created_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        contractId, version, terms.title(), customerId, terms.sellerParty(), terms.buyerParty(),
        terms.rightsAndObligations(), terms.currency(), terms.contractValueMinor(), Date.valueOf(terms.deliveryDate()),
        terms.salesChannel(), terms.needsProduction(), terms.needsInstallation(), createdBy, now());
    for (ContractTerms.LineItem item : terms.lineItems()) {
      jdbc.update("insert into sales_contract_line (contract_id, version, line_no, description, quantity,"
              + " unit_price_minor, amount_minor) values (?,?,?,?,?,?,?)",
          contractId, version, item.lineNo(), item.description(), item.quantity(), item.unitPriceMinor(),
          item.amountMinor());
    }
    for (ContractTerms.Instalment instalment : terms.instalments()) {
      jdbc.update("insert into sales_contract_instalment (contract_id, version, instalment_no, due_date,"
              + " amount_minor) values (?,?,?,?,?)",
          contractId, version, instalment.instalmentNo(), Date.valueOf(instalment.dueDate()), instalment.amountMinor());
    }
    jdbc.update("update sales_contract set customer_id = ? where id = ?", customerId, contractId);
  }

  /** Records the signing once (§3.2.4 簽訂合同): the first completion counts. */
  public void markSigned(long contractId, int version, LocalDate signingDate, String signatories, String signedBy) {
    jdbc.update("update sales_contract set status = ?, signed_version = ?, signing_date = ?, signatories = ?,"
            + " signed_by = ?, signed_at = ? where id = ? and status <> ?",
        SalesContract.SIGNED, version, Date.valueOf(signingDate), signatories, signedBy, now(), contractId,
        SalesContract.SIGNED);
  }

  public Optional<SalesContract> findByCase(String processInstanceId) {
    return jdbc.query("select * from sales_contract where process_instance_id = ?", SalesContractRepository::contract,
        processInstanceId).stream().findFirst();
  }

  public SalesContract contract(long contractId) {
    return jdbc.queryForObject("select * from sales_contract where id = ?", SalesContractRepository::contract,
        contractId);
  }

  public String drafterOf(long contractId) {
    return contract(contractId).drafter();
  }

  public int latestVersionOf(long contractId) {
    Integer latest = jdbc.queryForObject("select max(version) from sales_contract_version where contract_id = ?",
        Integer.class, contractId);
    if (latest == null) {
      throw new IllegalStateException("Contract " + contractId + " has no version");
    }
    return latest;
  }

  public ContractVersion latestVersion(long contractId) {
    return version(contractId, latestVersionOf(contractId)).orElseThrow();
  }

  public Optional<ContractVersion> version(long contractId, int version) {
    return jdbc.query("select * from sales_contract_version where contract_id = ? and version = ?",
        SalesContractRepository::version, contractId, version).stream().findFirst();
  }

  public List<ContractVersion> versions(long contractId) {
    return jdbc.query("select * from sales_contract_version where contract_id = ? order by version",
        SalesContractRepository::version, contractId);
  }

  public List<ContractTerms.LineItem> lineItems(long contractId, int version) {
    return jdbc.query("select * from sales_contract_line where contract_id = ? and version = ? order by line_no",
        (rs, row) -> new ContractTerms.LineItem(rs.getInt("line_no"), rs.getString("description"),
            rs.getLong("quantity"), rs.getLong("unit_price_minor")), contractId, version);
  }

  public List<ContractTerms.Instalment> instalments(long contractId, int version) {
    return jdbc.query("select * from sales_contract_instalment where contract_id = ? and version = ?"
            + " order by instalment_no",
        (rs, row) -> new ContractTerms.Instalment(rs.getInt("instalment_no"), rs.getDate("due_date").toLocalDate(),
            rs.getLong("amount_minor")), contractId, version);
  }

  /** The version signed with the customer: what execution and collection follow (§3.2.5, §3.2.6). */
  public ContractVersion signedVersion(long contractId) {
    Integer signed = contract(contractId).signedVersion();
    if (signed == null) {
      throw new IllegalStateException("Contract " + contractId + " is not signed");
    }
    return version(contractId, signed).orElseThrow();
  }

  /** The moment delivery is late: the start of the day after the promised delivery date, company time. */
  public java.util.Date deliveryDeadlineOf(long contractId) {
    return java.util.Date.from(signedVersion(contractId).deliveryDate().plusDays(1).atStartOfDay(zone).toInstant());
  }

  public ZoneId zone() {
    return zone;
  }

  // ------------------------------------------------------------- facts the approval decision table reads

  /** The latest version's value in major units (the decision table's thresholds are in major units). */
  public double contractValueOf(long contractId) {
    return latestVersion(contractId).contractValue();
  }

  public String currencyOf(long contractId) {
    return latestVersion(contractId).currency();
  }

  public int instalmentCountOf(long contractId) {
    return instalments(contractId, latestVersionOf(contractId)).size();
  }

  /** Days from the delivery date to the last instalment's due date: the credit the customer gets. */
  public long daysFromDeliveryToLastPaymentOf(long contractId) {
    ContractVersion latest = latestVersion(contractId);
    List<ContractTerms.Instalment> instalments = instalments(contractId, latest.version());
    LocalDate last = instalments.get(instalments.size() - 1).dueDate();
    return ChronoUnit.DAYS.between(latest.deliveryDate(), last);
  }

  // ----------------------------------------------------------------- what reviewers are shown (read-only)

  /** One line for the review forms: customer, value, delivery, instalments. */
  public String summaryOf(long contractId) {
    ContractVersion v = latestVersion(contractId);
    SalesContract contract = contract(contractId);
    return contract.contractNo() + " 第" + v.version() + "版|客戶:" + customer(v.customerId()).name() + "|金額:"
        + v.currency() + " " + Money.format(v.contractValueMinor()) + "|交貨日期:" + v.deliveryDate() + "|分期:"
        + instalments(contractId, v.version()).size() + " 期";
  }

  /** The whole terms of the latest version as text, for reviewers. */
  public String termsTextOf(long contractId) {
    ContractVersion v = latestVersion(contractId);
    StringBuilder text = new StringBuilder();
    text.append("合同名稱:").append(v.title()).append('\n');
    text.append("我方(賣方):").append(v.sellerParty()).append('\n');
    text.append("客戶方(買方):").append(v.buyerParty()).append('\n');
    text.append("權利與義務:").append(v.rightsAndObligations()).append('\n');
    text.append("產品/服務明細:\n");
    for (ContractTerms.LineItem item : lineItems(contractId, v.version())) {
      text.append("  ").append(item.lineNo()).append(". ").append(item.description()).append(" × ")
          .append(item.quantity()).append(" @ ").append(Money.format(item.unitPriceMinor())).append(" = ")
          .append(Money.format(item.amountMinor())).append('\n');
    }
    text.append("合同金額:").append(v.currency()).append(' ').append(Money.format(v.contractValueMinor())).append('\n');
    text.append("交貨日期:").append(v.deliveryDate()).append('\n');
    text.append("付款條件:\n");
    for (ContractTerms.Instalment instalment : instalments(contractId, v.version())) {
      text.append("  第").append(instalment.instalmentNo()).append("期 ").append(instalment.dueDate()).append(' ')
          .append(Money.format(instalment.amountMinor())).append('\n');
    }
    text.append("銷售渠道:").append(v.salesChannel());
    return text.toString();
  }

  private static SalesContract contract(ResultSet rs, int row) throws SQLException {
    int signedVersion = rs.getInt("signed_version");
    Integer signed = rs.wasNull() ? null : signedVersion;
    Date signingDate = rs.getDate("signing_date");
    return new SalesContract(rs.getLong("id"), rs.getString("process_instance_id"), rs.getString("contract_no"),
        rs.getLong("customer_id"), rs.getString("drafter"), rs.getString("status"), instant(rs.getTimestamp("created_at")),
        signed, signingDate == null ? null : signingDate.toLocalDate(), rs.getString("signatories"),
        rs.getString("signed_by"), instant(rs.getTimestamp("signed_at")));
  }

  private static ContractVersion version(ResultSet rs, int row) throws SQLException {
    return new ContractVersion(rs.getLong("contract_id"), rs.getInt("version"), rs.getString("title"),
        rs.getLong("customer_id"), rs.getString("seller_party"), rs.getString("buyer_party"),
        rs.getString("rights_and_obligations"), rs.getString("currency"), rs.getLong("contract_value_minor"),
        rs.getDate("delivery_date").toLocalDate(), rs.getString("sales_channel"), rs.getBoolean("needs_production"),
        rs.getBoolean("needs_installation"), rs.getString("created_by"),
        instant(rs.getTimestamp("created_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }
}
