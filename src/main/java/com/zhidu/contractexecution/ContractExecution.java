package com.zhidu.contractexecution;

import com.zhidu.salescontract.ContractVersion;
import com.zhidu.salescontract.SalesContractRepository;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * What contract-execution (§3.2.5) asks about the signed contract: which departments it needs, when delivery
 * becomes late, and a one-line summary for the departments' forms. Registered as {@code contractExecution}.
 * Read from the signed version in the domain tables, never from variables.
 */
@Component("contractExecution")
public class ContractExecution {

  private final SalesContractRepository contracts;
  private final ContractChanges changes;

  public ContractExecution(SalesContractRepository contracts, ContractChanges changes) {
    this.contracts = contracts;
    this.changes = changes;
  }

  public boolean needsProduction(long contractId) {
    return contracts.signedVersion(contractId).needsProduction();
  }

  public boolean needsInstallation(long contractId) {
    return contracts.signedVersion(contractId).needsInstallation();
  }

  /** The start of the day after the promised delivery date (company time): from then on delivery is late. */
  public Date deliveryDeadlineOf(long contractId) {
    return contracts.deliveryDeadlineOf(contractId);
  }

  /** The signed version (after any approved change) and the change requests recorded so far (§3.2.5). */
  public String summaryOf(long contractId) {
    ContractVersion signed = contracts.signedVersion(contractId);
    String changesText = changes.changesTextOf(contractId);
    return contracts.contract(contractId).contractNo() + "|" + signed.title() + "|客戶:"
        + contracts.customer(signed.customerId()).name() + "|交貨日期:" + signed.deliveryDate() + "\n"
        + contracts.lineItems(contractId, signed.version()).stream()
            .map(item -> item.lineNo() + ". " + item.description() + " × " + item.quantity())
            .reduce((a, b) -> a + "\n" + b).orElse("")
        + (changesText.isEmpty() ? "" : "\n" + changesText);
  }
}
