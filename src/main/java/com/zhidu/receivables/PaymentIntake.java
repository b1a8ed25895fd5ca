package com.zhidu.receivables;

import com.zhidu.paymentcollection.PaymentRecorder;
import com.zhidu.paymentcollection.PaymentRepository;
import com.zhidu.paymentcollection.PaymentSchedule;
import com.zhidu.platform.Refusal;
import com.zhidu.salescontract.ContractTerms;
import com.zhidu.salescontract.ContractVersion;
import com.zhidu.salescontract.Money;
import com.zhidu.salescontract.SalesContractRepository;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A payment reported by the finance system (§3.2.6), recorded exactly as finance would in 確認收款 /
 * 登記逾期收款: when such a task is open for the instalment, it is completed on the caller's behalf with
 * "paid" or "partial", so {@link PaymentRecorder} writes the payment and the process routes on the recorded
 * money (paid in full stops the ladder). Before the due date no task is open: the payment is written through
 * {@link PaymentRecorder#record} and the 確認收款 task on the due date then shows nothing outstanding.
 * One transaction: a refusal anywhere writes nothing.
 */
@Service
public class PaymentIntake {

  static final List<String> COLLECTION_TASKS = List.of("confirmPayment", "recordLatePayment");

  /** What was recorded; {@code completedTask} is the finance task the payment completed, if any. */
  public record Recorded(String contractNo, int instalmentNo, BigDecimal amount, String currency, LocalDate paidOn,
      String reference, BigDecimal outstanding, boolean instalmentPaid, String completedTask, boolean duplicate) {}

  private final JdbcTemplate jdbc;
  private final SalesContractRepository contracts;
  private final PaymentSchedule schedule;
  private final PaymentRepository payments;
  private final PaymentRecorder recorder;
  private final TaskService tasks;

  public PaymentIntake(JdbcTemplate jdbc, SalesContractRepository contracts, PaymentSchedule schedule,
      PaymentRepository payments, PaymentRecorder recorder, TaskService tasks) {
    this.jdbc = jdbc;
    this.contracts = contracts;
    this.schedule = schedule;
    this.payments = payments;
    this.recorder = recorder;
    this.tasks = tasks;
  }

  @Transactional
  public Recorded record(Map<String, Object> body, String userId) {
    String contractNo = text(body.get("contractNo"));
    // Locks the contract row: two payments for one contract arriving together are checked one after the other,
    // so both cannot pass the "at most what is outstanding" check.
    Long contractId = contractNo == null ? null : jdbc.query("select id from sales_contract where contract_no = ?"
        + " and status = 'signed' for update", (rs, row) -> rs.getLong(1), contractNo).stream().findFirst().orElse(null);
    if (contractId == null) {
      throw Refusal.of(400, "contractNo", "找不到已簽訂的合同「" + (contractNo == null ? "" : contractNo) + "」",
          "contractNo must name a signed contract");
    }
    ContractVersion signed = contracts.signedVersion(contractId);
    String reference = text(body.get("reference"));
    if (reference != null && reference.length() > 100) {
      throw Refusal.of(400, "reference", "付款參考編號最長 100 字", "reference must be at most 100 characters");
    }
    Long amount = amount(body.get("amount"));
    Integer instalmentNo = instalmentNo(body.get("instalmentNo"));

    // The finance system resends a message it is unsure about: the same reference is answered, not written again.
    Optional<PaymentRepository.Payment> earlier = reference == null ? Optional.empty() : payments.byReference(reference);
    if (earlier.isPresent()) {
      PaymentRepository.Payment p = earlier.get();
      if (p.contractId() != contractId || !Objects.equals(instalmentNo, p.instalmentNo())
          || !Objects.equals(amount, p.amountMinor())) {
        throw Refusal.of(409, "reference", "付款參考編號「" + reference + "」已用於另一筆收款",
            "reference was already used for a different payment");
      }
      return recorded(contractNo, contractId, p, signed.currency(), null, true);
    }

    List<Refusal.Error> errors = new ArrayList<>();
    Optional<ContractTerms.Instalment> instalment = instalmentNo == null ? Optional.empty()
        : contracts.instalments(contractId, signed.version()).stream()
            .filter(i -> i.instalmentNo() == instalmentNo).findFirst();
    long outstanding = 0;
    if (instalment.isEmpty()) {
      errors.add(new Refusal.Error("instalmentNo", "合同沒有這一期分期款", "instalmentNo is not an instalment of the contract"));
    } else {
      outstanding = schedule.outstandingMinor(contractId, instalmentNo);
      if (outstanding <= 0) {
        errors.add(new Refusal.Error("instalmentNo", "這一期分期款已收齊", "the instalment is already paid in full"));
      }
    }
    if (amount == null || amount <= 0) {
      errors.add(new Refusal.Error("amount", "收款金額必須是大於 0 的金額(最多兩位小數)",
          "amount must be a positive decimal with at most two decimals"));
    } else if (instalment.isPresent() && outstanding > 0 && amount > outstanding) {
      errors.add(new Refusal.Error("amount", "收款金額不可超過未收金額 " + Money.format(outstanding),
          "amount must not exceed the outstanding " + Money.format(outstanding)));
    }
    if (!signed.currency().equals(text(body.get("currency")))) {
      errors.add(new Refusal.Error("currency", "幣別必須與合同相同(" + signed.currency() + ")",
          "currency must be the contract's " + signed.currency()));
    }
    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(contracts.zone()).toLocalDate();
    LocalDate paidOn = date(body.get("paidOn"));
    if (paidOn == null) {
      errors.add(new Refusal.Error("paidOn", "請以 YYYY-MM-DD 格式提供收款日期", "paidOn must be a date YYYY-MM-DD"));
    } else if (paidOn.isAfter(today)) {
      errors.add(new Refusal.Error("paidOn", "收款日期不可晚於今天", "paidOn must not be in the future"));
    }
    if (!errors.isEmpty()) {
      throw new Refusal(400, errors);
    }

    Task open = openTask(contractNo, instalmentNo);
    if (open != null) {
      completeAs(open, userId, amount, outstanding, paidOn, reference);
    } else {
      recorder.record(new PaymentRepository.Payment(contractId, instalmentNo, amount, paidOn, userId, null, reference));
    }
    return recorded(contractNo, contractId, new PaymentRepository.Payment(contractId, instalmentNo, amount, paidOn,
        userId, null, reference), signed.currency(), open == null ? null : open.getTaskDefinitionKey(), false);
  }

  /** The instalment's 確認收款 or 登記逾期收款, if the process is waiting in one now. */
  private Task openTask(String contractNo, int instalmentNo) {
    for (Task task : tasks.createTaskQuery().processDefinitionKey("payment-collection")
        .processInstanceBusinessKey(contractNo).taskDefinitionKeyIn(COLLECTION_TASKS.toArray(String[]::new)).list()) {
      // Through the task: finance may read its candidate tasks, not the process instance.
      Object no = tasks.getVariable(task.getId(), "instalmentNo");
      if (no instanceof Number n && n.intValue() == instalmentNo) {
        return task;
      }
    }
    return null;
  }

  /** As finance would: take the task, say paid (all that is outstanding) or partial, complete it. */
  private void completeAs(Task task, String userId, long amount, long outstanding, LocalDate paidOn, String reference) {
    if (task.getAssignee() == null) {
      tasks.claim(task.getId(), userId);
    } else if (!task.getAssignee().equals(userId)) {
      tasks.setAssignee(task.getId(), userId);
    }
    // The four are the task's input parameters (local to it), so nothing leaks into other instalments' scope.
    Map<String, Object> variables = new HashMap<>();
    variables.put(PaymentRecorder.PAYMENT_STATUS, amount == outstanding ? "paid" : "partial");
    // A number, as the form field is; Double.toString gives back the same two decimals.
    variables.put(PaymentRecorder.PAID_AMOUNT, ReceivablesAging.major(amount).doubleValue());
    variables.put(PaymentRecorder.PAID_ON, paidOn.toString());
    variables.put(PaymentRecorder.PAYMENT_REFERENCE, reference);
    tasks.complete(task.getId(), variables);
  }

  private Recorded recorded(String contractNo, long contractId, PaymentRepository.Payment p, String currency,
      String completedTask, boolean duplicate) {
    long outstanding = schedule.outstandingMinor(contractId, p.instalmentNo());
    return new Recorded(contractNo, p.instalmentNo(), ReceivablesAging.major(p.amountMinor()), currency, p.paidOn(),
        p.reference(), ReceivablesAging.major(Math.max(0, outstanding)), outstanding <= 0, completedTask, duplicate);
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }

  private static Long amount(Object value) {
    // A JSON number arrives as Double/Integer; its text is what the caller meant ("1500.5" → 150050).
    return value == null ? null : Money.parse(value instanceof BigDecimal b ? b.toPlainString() : value.toString());
  }

  private static Integer instalmentNo(Object value) {
    try {
      return value == null ? null : Integer.valueOf(value.toString().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static LocalDate date(Object value) {
    try {
      return value == null ? null : LocalDate.parse(value.toString().trim());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
