package com.zhidu.salescontract;

import com.zhidu.platform.TaskActionRecorder;
import com.zhidu.reportapproval.ReviewDecisionRepository;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 保存合同修訂版本: keeps the revised terms as a NEW version (earlier versions stay, §3.2.4). A new version is
 * due only while the latest one stands rejected in review_decision (by legal or by an approver); once it is
 * stored, the latest version is unreviewed, so a retried job adds nothing.
 */
@Component("storeRevisedContract")
public class StoreRevisedContractDelegate implements JavaDelegate {

  static final String REVISE_TASK = "reviseContract";
  public static final String SUBJECT_TYPE = "salesContract";

  private final SalesContractRepository contracts;
  private final ContractStore store;
  private final ReviewDecisionRepository decisions;
  private final TaskActionRecorder taskActions;

  public StoreRevisedContractDelegate(SalesContractRepository contracts, ContractStore store,
      ReviewDecisionRepository decisions, TaskActionRecorder taskActions) {
    this.contracts = contracts;
    this.store = store;
    this.decisions = decisions;
    this.taskActions = taskActions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    SalesContract contract = contracts.findByCase(execution.getProcessInstanceId()).orElseThrow();
    int latest = contracts.latestVersionOf(contract.id());
    if (decisions.revisionRequested(SUBJECT_TYPE, String.valueOf(contract.id()), latest)) {
      String reviser = reviser(execution, contract);
      ContractTerms terms = store.terms(execution);
      long customerId = store.customerOf(execution, terms, reviser);
      contracts.addVersionOnce(contract.id(), latest + 1, customerId, terms, reviser);
    }
  }

  /** Who completed 修改合同 last, from the trusted task record; the drafter otherwise. */
  private String reviser(DelegateExecution execution, SalesContract contract) {
    List<String> performers = taskActions.performersOf(execution.getProcessInstanceId(), REVISE_TASK);
    return performers.isEmpty() ? contract.drafter() : performers.get(performers.size() - 1);
  }
}
