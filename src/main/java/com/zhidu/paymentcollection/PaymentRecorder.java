package com.zhidu.paymentcollection;

import com.zhidu.platform.Refusal;
import com.zhidu.salescontract.Money;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * On completing 確認收款 / 登記逾期收款: records what finance says arrived for the instalment (§3.2.6):
 * paid (the whole outstanding amount), partial (an amount below it) or not paid (nothing). The process then
 * asks {@link PaymentSchedule#isPaid}, so the route follows the recorded money, not a variable.
 */
@Component("paymentRecorder")
public class PaymentRecorder implements TaskListener {

  static final String PAYMENT_STATUS = "paymentStatus";
  static final String PAID_AMOUNT = "paidAmount";

  private final PaymentSchedule schedule;
  private final PaymentRepository payments;

  public PaymentRecorder(PaymentSchedule schedule, PaymentRepository payments) {
    this.schedule = schedule;
    this.payments = payments;
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
      payments.recordOnce(contractId, instalmentNo, amount, recordedBy == null ? "system" : recordedBy, task.getId());
    }
  }
}
