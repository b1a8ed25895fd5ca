package com.zhidu.salescontract;

import com.zhidu.platform.TaskActionRecorder;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 登記合同(第1版): stores the drafted contract, its version 1 with line items and instalments, and a new
 * customer if one was entered. The drafter is who completed 擬定合同 as task_action recorded it (not a
 * variable anyone could set). Idempotent: a retried job finds the contract of this case and adds nothing twice.
 */
@Component("storeContract")
public class StoreContractDelegate implements JavaDelegate {

  static final String DRAFT_TASK = "draftContract";

  private final SalesContractRepository contracts;
  private final ContractStore store;
  private final TaskActionRecorder taskActions;

  public StoreContractDelegate(SalesContractRepository contracts, ContractStore store, TaskActionRecorder taskActions) {
    this.contracts = contracts;
    this.store = store;
    this.taskActions = taskActions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<String> drafters = taskActions.performersOf(execution.getProcessInstanceId(), DRAFT_TASK);
    if (drafters.isEmpty()) {
      throw new ProcessEngineException("無法確認合同擬定人:「擬定合同」不是由已登入的使用者完成的。");
    }
    String drafter = drafters.get(drafters.size() - 1);
    ContractTerms terms = store.terms(execution);
    long contractId = contracts.findByCase(execution.getProcessInstanceId()).map(SalesContract::id).orElse(-1L);
    if (contractId < 0) {
      long customerId = store.customerOf(execution, terms, drafter);
      contractId = contracts.createOnce(execution.getProcessInstanceId(), customerId, drafter);
      contracts.addVersionOnce(contractId, 1, customerId, terms, drafter);
    }
    execution.setVariable(ContractStore.CONTRACT_ID, contractId);
    execution.setVariable(ContractStore.CONTRACT_NO, contracts.contract(contractId).contractNo());
  }
}
