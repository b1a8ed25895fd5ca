package com.zhidu.contractexecution;

import com.zhidu.platform.Refusal;
import com.zhidu.salescontract.SalesContractRepository;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * On completing 提出客戶變更需求 (§3.2.5): only the contract's salesperson (its drafter) raises a customer's change
 * request — nobody raises it on the salesperson's behalf, legal included; what changes and why are required. The
 * request is recorded with the authenticated user in the completion's transaction (a refusal writes nothing).
 */
@Component("changeRequestRecorder")
public class ChangeRequestRecorder implements TaskListener {

  static final String DESCRIPTION = "changeDescription";
  static final String REASON = "changeReason";
  static final String CHANGES_TERMS = "changesTerms";

  private final ContractChanges changes;
  private final SalesContractRepository contracts;

  public ChangeRequestRecorder(ContractChanges changes, SalesContractRepository contracts) {
    this.changes = changes;
    this.contracts = contracts;
  }

  @Override
  public void notify(DelegateTask task) {
    long contractId = contractIdOf(task);
    String user = authenticatedUser(task);
    String drafter = contracts.drafterOf(contractId);
    if (!drafter.equals(user)) {
      throw Refusal.of(403, null, "只有負責此合同的銷售人員可以提出客戶變更需求",
          "Only the contract's salesperson (" + drafter + ") may raise a change request.");
    }
    List<Refusal.Error> errors = new ArrayList<>();
    String description = text(task, DESCRIPTION, "變更內容", 2000, errors);
    String reason = text(task, REASON, "變更原因", 1000, errors);
    if (!errors.isEmpty()) {
      throw new Refusal(400, errors);
    }
    boolean changesTerms = Boolean.TRUE.equals(task.getVariable(CHANGES_TERMS));
    changes.recordOnce(contractId, task.getProcessInstanceId(), task.getId(), description, reason, changesTerms, user);
  }

  static long contractIdOf(DelegateTask task) {
    return ((Number) task.getVariable("contractId")).longValue();
  }

  static String authenticatedUser(DelegateTask task) {
    Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return authentication != null && authentication.getUserId() != null ? authentication.getUserId()
        : task.getAssignee();
  }

  private static String text(DelegateTask task, String key, String label, int max, List<Refusal.Error> errors) {
    Object value = task.getVariable(key);
    String text = value == null ? null : value.toString().trim();
    if (text == null || text.isEmpty()) {
      errors.add(new Refusal.Error(key, "請填寫「" + label + "」", key + " is required"));
      return null;
    }
    if (text.length() > max) {
      errors.add(new Refusal.Error(key, "「" + label + "」不可超過" + max + "字", key + " longer than " + max));
      return null;
    }
    return text;
  }
}
