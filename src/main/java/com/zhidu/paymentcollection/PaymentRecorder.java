package com.zhidu.paymentcollection;

import com.zhidu.platform.Refusal;
import com.zhidu.salescontract.Money;
import java.time.LocalDate;
import java.time.ZoneId;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * On completing 確認收款 / 登記逾期收款: records what finance says arrived for the instalment (§3.2.6):
 * paid (the whole outstanding amount), partial (an amount below it) or not paid (nothing). The process then
 * asks {@link PaymentSchedule#isPaid}, so the route follows the recorded money, not a variable.
 */
@Component("paymentRecorder")
public class PaymentRecorder implements TaskListener {

  public static final String PAYMENT_STATUS = "paymentStatus";
  public static final String PAID_AMOUNT = "paidAmount";
  /** Optional input parameters of the two tasks, set when the finance system's REST call completes the task (else today / none). */
  public static final String PAID_ON = "paidOn";
  public static final String PAYMENT_REFERENCE = "paymentReference";

  private final PaymentSchedule schedule;
  private final PaymentRepository payments;

  private final ZoneId zone;

  public PaymentRecorder(PaymentSchedule schedule, PaymentRepository payments,
      @Value("${zhidu.time-zone:Asia/Taipei}") ZoneId zone) {
    this.schedule = schedule;
    this.payments = payments;
    this.zone = zone;
  }

  @Override
  public void notify(DelegateTask task) {
    long contractId = ((Number) task.getVariable("contractId")).longValue();
    int instalmentNo = ((Number) task.getVariable("instalmentNo")).intValue();
    long outstanding = schedule.outstandingMinor(contractId, instalmentNo);
    Object status = task.getVariable(PAYMENT_STATUS);
    long amount;
    if ("paid".equals(status)) {
      amount = outstanding;
    } else if ("partial".equals(status)) {
      Object raw = task.getVariable(PAID_AMOUNT);
      Long partial = raw == null ? null : Money.parse(raw.toString());
      if (partial == null || partial <= 0 || partial >= outstanding) {
        throw Refusal.of(400, PAID_AMOUNT, "部分收款時「收款金額」必須大於 0 且小於未收金額 " + Money.format(outstanding),
            "a partial paidAmount must be above 0 and below the outstanding " + Money.format(outstanding));
      }
      amount = partial;
    } else if ("notPaid".equals(status)) {
      return;
    } else {
      throw Refusal.of(400, PAYMENT_STATUS, "請選擇「收款情況」:已全額收款、部分收款或未收款",
          "paymentStatus must be paid, partial or notPaid");
    }
    Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String recordedBy = authentication != null && authentication.getUserId() != null ? authentication.getUserId()
        : task.getAssignee();
    if (amount > 0) {
      Object paidOn = task.getVariable(PAID_ON);
      Object reference = task.getVariable(PAYMENT_REFERENCE);
      record(new PaymentRepository.Payment(contractId, instalmentNo, amount,
          paidOn == null ? today() : LocalDate.parse(paidOn.toString()), recordedBy == null ? "system" : recordedBy,
          task.getId(), reference == null ? null : reference.toString()));
    }
  }

  /**
   * The one place a payment is written, from a finance task or from the finance system's REST call
   * ({@code com.zhidu.receivables}): never more than what is outstanding, so the instalment cannot be overpaid.
   */
  public void record(PaymentRepository.Payment payment) {
    long outstanding = schedule.outstandingMinor(payment.contractId(), payment.instalmentNo());
    if (payment.amountMinor() <= 0 || payment.amountMinor() > outstanding) {
      throw Refusal.of(400, "amount", "收款金額必須大於 0 且不超過未收金額 " + Money.format(outstanding),
          "the amount must be above 0 and at most the outstanding " + Money.format(outstanding));
    }
    payments.recordOnce(payment);
  }

  private LocalDate today() {
    return ClockUtil.getCurrentTime().toInstant().atZone(zone).toLocalDate();
  }
}
