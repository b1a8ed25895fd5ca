package com.zhidu.contractexecution;

import com.zhidu.salescontract.ContractTerms;
import com.zhidu.salescontract.ContractVersion;
import com.zhidu.salescontract.SalesContractRepository;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * 變更生效 (§3.2.5): the amendment legal approved becomes the version the contract follows (its signed version;
 * the original signing date and signatories stay). When the delivery date moved, the late-delivery timer moves
 * with it; when the instalments changed, the payment schedule follows: the running payment-collection case is
 * replaced by one over the new instalments (payments already recorded keep counting, by instalment number).
 * Runs as a job; applying twice changes nothing.
 */
@Component("applyContractChange")
public class ApplyContractChangeDelegate implements JavaDelegate {

  static final String DELIVERY_TIMER = "Timer_DeliveryLate";
  static final String PAYMENT_COLLECTION = "payment-collection";

  private final ContractChanges changes;
  private final SalesContractRepository contracts;

  public ApplyContractChangeDelegate(ContractChanges changes, SalesContractRepository contracts) {
    this.changes = changes;
    this.contracts = contracts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long contractId = ((Number) execution.getVariable("contractId")).longValue();
    ContractChanges.ChangeRequest change = changes.latest(contractId).orElseThrow();
    ContractVersion before = contracts.signedVersion(contractId);
    List<ContractTerms.Instalment> instalmentsBefore = contracts.instalments(contractId, before.version());
    if (!changes.applyOnce(change)) {
      return;
    }
    ContractVersion after = contracts.signedVersion(contractId);
    if (!after.deliveryDate().equals(before.deliveryDate())) {
      ManagementService management = execution.getProcessEngineServices().getManagementService();
      for (Job timer : management.createJobQuery().processInstanceId(execution.getProcessInstanceId())
          .activityId(DELIVERY_TIMER).timers().list()) {
        management.setJobDuedate(timer.getId(), contracts.deliveryDeadlineOf(contractId));
      }
    }
    if (!contracts.instalments(contractId, after.version()).equals(instalmentsBefore)) {
      RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
      String contractNo = contracts.contract(contractId).contractNo();
      for (ProcessInstance collection : runtime.createProcessInstanceQuery().processDefinitionKey(PAYMENT_COLLECTION)
          .processInstanceBusinessKey(contractNo).active().list()) {
        runtime.deleteProcessInstance(collection.getId(), "合同變更:付款條件已更新(第" + after.version() + "版)");
      }
      runtime.startProcessInstanceByKey(PAYMENT_COLLECTION, contractNo,
          Map.of("contractId", contractId, "contractNo", contractNo));
    }
  }
}
