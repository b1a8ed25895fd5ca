package com.zhidu.salescontract;

import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 啟動履約與收款: once signed, the contract is carried out (contract-execution, §3.2.5) and its payments are
 * collected (payment-collection, §3.2.6), each a process of its own keyed by the contract number. Runs as a
 * job (no user), so nobody needs the right to start those processes by hand. Idempotent: a process already
 * started for this contract is not started again.
 */
@Component("startContractFollowUp")
public class StartContractFollowUpDelegate implements JavaDelegate {

  static final String CONTRACT_EXECUTION = "contract-execution";
  static final String PAYMENT_COLLECTION = "payment-collection";

  private final SalesContractRepository contracts;

  public StartContractFollowUpDelegate(SalesContractRepository contracts) {
    this.contracts = contracts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SalesContract contract = contracts.findByCase(execution.getProcessInstanceId()).orElseThrow();
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    for (String process : new String[] {CONTRACT_EXECUTION, PAYMENT_COLLECTION}) {
      boolean started = runtime.createProcessInstanceQuery().processDefinitionKey(process)
          .processInstanceBusinessKey(contract.contractNo()).count() > 0
          || execution.getProcessEngineServices().getHistoryService().createHistoricProcessInstanceQuery()
              .processDefinitionKey(process).processInstanceBusinessKey(contract.contractNo()).count() > 0;
      if (!started) {
        runtime.startProcessInstanceByKey(process, contract.contractNo(),
            Map.of("contractId", contract.id(), "contractNo", contract.contractNo()));
      }
    }
  }
}
