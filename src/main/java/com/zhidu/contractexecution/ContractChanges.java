package com.zhidu.contractexecution;

import com.zhidu.salescontract.ContractTerms;
import com.zhidu.salescontract.ContractVersion;
import com.zhidu.salescontract.SalesContractRepository;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Customer change requests during execution (客戶變更需求, §3.2.5): the {@code contract_change_request} rows and
 * what contract-execution's expressions ask about them. Registered as {@code contractChanges}.
 */
@Component("contractChanges")
public class ContractChanges {

  public static final String RECORDED = "recorded";
  public static final String AMENDING = "amending";
  public static final String IN_LEGAL_REVIEW = "inLegalReview";
  public static final String APPROVED = "approved";
  public static final String REJECTED = "rejected";
  public static final String APPLIED = "applied";

  public record ChangeRequest(long id, long contractId, String processInstanceId, String taskId, String description,
      String reason, boolean changesTerms, int baseVersion, Integer newVersion, String status, String raisedBy,
      String decidedBy, String legalComment) {}

  private final JdbcTemplate jdbc;
  private final SalesContractRepository contracts;

  public ContractChanges(JdbcTemplate jdbc, SalesContractRepository contracts) {
    this.jdbc = jdbc;
    this.contracts = contracts;
  }

  // ------------------------------------------------------------------------------------------- records

  /** Records a change request once per completed task; returns its id. */
  public long recordOnce(long contractId, String processInstanceId, String taskId, String description, String reason,
      boolean changesTerms, String raisedBy) {
    Optional<ChangeRequest> existing = byTask(taskId);
    if (existing.isPresent()) {
      return existing.get().id();
    }
    int base = contracts.contract(contractId).signedVersion();
    jdbc.update("insert into contract_change_request (contract_id, process_instance_id, task_id, description, reason,"
            + " changes_terms, base_version, status, raised_by, raised_at) values (?,?,?,?,?,?,?,?,?,?)",
        contractId, processInstanceId, taskId, description, reason, changesTerms, base,
        changesTerms ? AMENDING : RECORDED, raisedBy, now());
    return byTask(taskId).orElseThrow().id();
  }

  public Optional<ChangeRequest> byTask(String taskId) {
    return jdbc.query("select * from contract_change_request where task_id = ?", ContractChanges::row, taskId)
        .stream().findFirst();
  }

  /** The latest change request of a contract. */
  public Optional<ChangeRequest> latest(long contractId) {
    return jdbc.query("select * from contract_change_request where contract_id = ? order by id desc",
        ContractChanges::row, contractId).stream().findFirst();
  }

  public List<ChangeRequest> all(long contractId) {
    return jdbc.query("select * from contract_change_request where contract_id = ? order by id", ContractChanges::row,
        contractId);
  }

  void amended(long changeId, int newVersion) {
    jdbc.update("update contract_change_request set new_version = ?, status = ? where id = ? and new_version is null",
        newVersion, IN_LEGAL_REVIEW, changeId);
  }

  void decided(long changeId, boolean approved, String decidedBy, String comment) {
    jdbc.update("update contract_change_request set status = ?, decided_by = ?, decided_at = ?, legal_comment = ?"
        + " where id = ? and status = ?", approved ? APPROVED : REJECTED, decidedBy, now(), comment, changeId,
        IN_LEGAL_REVIEW);
  }

  /** The approved amendment becomes the version the contract follows; once (a retried job changes nothing). */
  boolean applyOnce(ChangeRequest change) {
    int updated = jdbc.update("update contract_change_request set status = ?, applied_at = ? where id = ? and status = ?",
        APPLIED, now(), change.id(), APPROVED);
    if (updated == 0) {
      return false;
    }
    jdbc.update("update sales_contract set signed_version = ?, amended_at = ? where id = ?", change.newVersion(), now(),
        change.contractId());
    return true;
  }

  // ------------------------------------------------------------------------- what the model's expressions ask

  /** Whether the latest change request changes contract terms (the gateway after 提出客戶變更需求). */
  public boolean changesTerms(long contractId) {
    return latest(contractId).map(ChangeRequest::changesTerms).orElse(false);
  }

  /**
   * The standing 提出客戶變更需求 task is due when nothing is left to change: the later of the delivery date and the
   * last instalment's due date, end of that day.
   */
  public java.util.Date windowEndOf(long contractId) {
    ContractVersion signed = contracts.signedVersion(contractId);
    LocalDate end = signed.deliveryDate();
    for (ContractTerms.Instalment i : contracts.instalments(contractId, signed.version())) {
      if (i.dueDate().isAfter(end)) {
        end = i.dueDate();
      }
    }
    return java.util.Date.from(end.plusDays(1).atStartOfDay(contracts.zone()).toInstant());
  }

  /** What the salesperson sees about the previous change request, if any. */
  public String lastOutcomeOf(long contractId) {
    return latest(contractId).map(c -> "上一次變更需求(" + statusZh(c.status()) + "):" + c.description()
        + (c.legalComment() == null ? "" : "\n法務意見:" + c.legalComment())).orElse("尚無變更需求");
  }

  /** The latest change request as legal reads it in 法務審核. */
  public String describeLatest(long contractId) {
    return latest(contractId).map(c -> "變更內容:" + c.description() + "\n變更原因:" + c.reason() + "\n提出人:"
        + c.raisedBy() + "|原簽訂版本:第" + c.baseVersion() + "版|修訂版本:第" + c.newVersion() + "版").orElse("");
  }

  /** The change requests recorded so far, for the departments' task summaries. */
  public String changesTextOf(long contractId) {
    return all(contractId).stream().filter(c -> !REJECTED.equals(c.status()) && !AMENDING.equals(c.status())
            && !IN_LEGAL_REVIEW.equals(c.status()))
        .map(c -> "客戶變更需求 #" + c.id() + "(" + statusZh(c.status()) + "):" + c.description())
        .collect(Collectors.joining("\n"));
  }

  /** The signed version's terms as the amendment form's fields (same keys and formats as 擬定合同). */
  public Map<String, Object> formFieldsOf(long contractId) {
    ContractVersion v = contracts.signedVersion(contractId);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("title", v.title());
    fields.put("customerId", v.customerId());
    fields.put("sellerParty", v.sellerParty());
    fields.put("buyerParty", v.buyerParty());
    fields.put("rightsAndObligations", v.rightsAndObligations());
    fields.put("lineItems", contracts.lineItems(contractId, v.version()).stream()
        .map(i -> i.description() + " | " + i.quantity() + " | " + plain(i.unitPriceMinor()))
        .collect(Collectors.joining("\n")));
    fields.put("currency", v.currency());
    fields.put("contractValue", v.contractValueMinor() / 100.0);
    fields.put("deliveryDate", v.deliveryDate().toString());
    fields.put("instalments", contracts.instalments(contractId, v.version()).stream()
        .map(i -> i.dueDate() + " | " + plain(i.amountMinor())).collect(Collectors.joining("\n")));
    fields.put("salesChannel", v.salesChannel());
    fields.put("needsProduction", v.needsProduction());
    fields.put("needsInstallation", v.needsInstallation());
    return fields;
  }

  static String plain(long minor) {
    return java.math.BigDecimal.valueOf(minor, 2).toPlainString();
  }

  static String statusZh(String status) {
    return switch (status) {
      case RECORDED -> "已通知執行部門";
      case AMENDING -> "修改條款中";
      case IN_LEGAL_REVIEW -> "法務審核中";
      case APPROVED -> "法務已同意";
      case REJECTED -> "法務退回";
      default -> "已生效";
    };
  }

  private static ChangeRequest row(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    int newVersion = rs.getInt("new_version");
    Integer version = rs.wasNull() ? null : newVersion;
    return new ChangeRequest(rs.getLong("id"), rs.getLong("contract_id"), rs.getString("process_instance_id"),
        rs.getString("task_id"), rs.getString("description"), rs.getString("reason"), rs.getBoolean("changes_terms"),
        rs.getInt("base_version"), version, rs.getString("status"), rs.getString("raised_by"),
        rs.getString("decided_by"), rs.getString("legal_comment"));
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }
}
