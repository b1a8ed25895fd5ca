package com.zhidu.paymentcollection;

import com.zhidu.salescontract.ContractTerms;
import com.zhidu.salescontract.ContractVersion;
import com.zhidu.salescontract.Money;
import com.zhidu.salescontract.SalesContractRepository;
import java.util.Date;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The payment schedule (收款計劃, §3.2.6) is the signed version's instalments; what is outstanding comes from
 * the payments finance recorded. Registered as {@code paymentSchedule} for payment-collection's expressions.
 */
@Component("paymentSchedule")
public class PaymentSchedule {

  private final SalesContractRepository contracts;
  private final PaymentRepository payments;

  public PaymentSchedule(SalesContractRepository contracts, PaymentRepository payments) {
    this.contracts = contracts;
    this.payments = payments;
  }

  /** The instalment numbers, the collection of the per-instalment multi-instance. */
  public List<Integer> instalmentsOf(long contractId) {
    return instalmentList(contractId).stream().map(ContractTerms.Instalment::instalmentNo).toList();
  }

  public ContractTerms.Instalment instalment(long contractId, int instalmentNo) {
    return instalmentList(contractId).stream().filter(i -> i.instalmentNo() == instalmentNo).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Contract " + contractId + " has no instalment " + instalmentNo));
  }

  /** When payment is checked: the start of the day after the due date (company time), so the due day counts. */
  public Date dueMomentOf(long contractId, int instalmentNo) {
    return Date.from(instalment(contractId, instalmentNo).dueDate().plusDays(1).atStartOfDay(contracts.zone())
        .toInstant());
  }

  public long outstandingMinor(long contractId, int instalmentNo) {
    return instalment(contractId, instalmentNo).amountMinor() - payments.paidMinor(contractId, instalmentNo);
  }

  public boolean isPaid(long contractId, int instalmentNo) {
    return outstandingMinor(contractId, instalmentNo) <= 0;
  }

  /** For the forms: contract, customer, instalment, due date, amount, received, outstanding. */
  public String summaryOf(long contractId, int instalmentNo) {
    ContractVersion signed = contracts.signedVersion(contractId);
    ContractTerms.Instalment instalment = instalment(contractId, instalmentNo);
    return contracts.contract(contractId).contractNo() + "|客戶:" + contracts.customer(signed.customerId()).name()
        + "|第" + instalmentNo + "期 到期日 " + instalment.dueDate() + "|應收 " + signed.currency() + " "
        + Money.format(instalment.amountMinor()) + "|已收 " + Money.format(payments.paidMinor(contractId, instalmentNo))
        + "|未收 " + Money.format(outstandingMinor(contractId, instalmentNo));
  }

  private List<ContractTerms.Instalment> instalmentList(long contractId) {
    return contracts.instalments(contractId, contracts.signedVersion(contractId).version());
  }
}
