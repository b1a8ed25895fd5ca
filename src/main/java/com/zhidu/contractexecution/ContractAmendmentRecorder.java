package com.zhidu.contractexecution;

import com.zhidu.platform.Refusal;
import com.zhidu.salescontract.ContractTerms;
import com.zhidu.salescontract.ContractVersion;
import com.zhidu.salescontract.SalesContractRepository;
import java.time.LocalDate;
import java.time.ZoneId;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * 修改合同條款 (§3.2.5 change of terms). On create it fills the task's fields with the signed version's terms; on
 * complete it checks them like a draft ({@link ContractTerms}: every term present, instalments summing to the value,
 * delivery date in the future, …; instalments already due under the signed version may keep their dates) and stores
 * them as the contract's next version, authored by the authenticated user, to go to legal review. The customer
 * cannot change through an amendment. Nothing is written when the terms are refused.
 */
@Component("contractAmendmentRecorder")
public class ContractAmendmentRecorder implements TaskListener {

  private final ContractChanges changes;
  private final SalesContractRepository contracts;
  private final ZoneId zone;

  public ContractAmendmentRecorder(ContractChanges changes, SalesContractRepository contracts,
      @Value("${zhidu.time-zone:Asia/Taipei}") ZoneId zone) {
    this.changes = changes;
    this.contracts = contracts;
    this.zone = zone;
  }

  @Override
  public void notify(DelegateTask task) {
    long contractId = ChangeRequestRecorder.contractIdOf(task);
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      changes.formFieldsOf(contractId).forEach(task.getExecution()::setVariableLocal);
      return;
    }
    ContractVersion signed = contracts.signedVersion(contractId);
    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(zone).toLocalDate();
    LocalDate firstDue = contracts.instalments(contractId, signed.version()).get(0).dueDate();
    ContractTerms terms = ContractTerms.read(task, today, firstDue.isBefore(today) ? firstDue : today,
        contracts::customerExists);
    if (terms.customerId() == null || terms.customerId() != signed.customerId()) {
      throw Refusal.of(400, "customerId", "變更需求不可更換客戶;請另立新合同",
          "A change request cannot change the customer; draft a new contract instead.");
    }
    ContractChanges.ChangeRequest change = changes.latest(contractId).orElseThrow();
    if (change.newVersion() != null) {
      return;
    }
    int next = contracts.latestVersionOf(contractId) + 1;
    contracts.addVersionOnce(contractId, next, signed.customerId(), terms, ChangeRequestRecorder.authenticatedUser(task));
    changes.amended(change.id(), next);
  }
}
