package com.zhidu.paymentcollection;

import com.zhidu.salescontract.ContractTerms;
import com.zhidu.salescontract.ContractVersion;
import com.zhidu.salescontract.SalesContractRepository;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * 發出催款函 (§3.2.6): records the dunning letter of an overdue instalment with the customer, the contract
 * number, the overdue amount and the days overdue. The PDF rendering (Traditional Chinese, CJK font) is not
 * built yet; it will read this row. Idempotent: one letter per instalment.
 */
@Component("sendDunningLetter")
public class DunningLetterDelegate implements JavaDelegate {

  private final SalesContractRepository contracts;
  private final PaymentSchedule schedule;
  private final PaymentRepository payments;

  public DunningLetterDelegate(SalesContractRepository contracts, PaymentSchedule schedule, PaymentRepository payments) {
    this.contracts = contracts;
    this.schedule = schedule;
    this.payments = payments;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long contractId = ((Number) execution.getVariable("contractId")).longValue();
    int instalmentNo = ((Number) execution.getVariable("instalmentNo")).intValue();
    ContractVersion signed = contracts.signedVersion(contractId);
    ContractTerms.Instalment instalment = schedule.instalment(contractId, instalmentNo);
    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(contracts.zone()).toLocalDate();
    payments.addDunningLetterOnce(new PaymentRepository.DunningLetter(contractId, instalmentNo,
        contracts.contract(contractId).contractNo(), contracts.customer(signed.customerId()).name(), signed.currency(),
        instalment.dueDate(), schedule.outstandingMinor(contractId, instalmentNo),
        (int) Math.max(0, ChronoUnit.DAYS.between(instalment.dueDate(), today))));
  }
}
