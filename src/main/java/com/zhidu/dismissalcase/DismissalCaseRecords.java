package com.zhidu.dismissalcase;

import com.zhidu.platform.Refusal;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * HR's preparation of a dismissal case (§4.1.4): facts and legal basis are required, the recommendation is
 * dismiss or not; recorded with the AUTHENTICATED user, who is then the case's author (excluded from reviewing).
 */
@Component("dismissalCaseRecords")
public class DismissalCaseRecords implements TaskListener {

  private final DismissalCaseRepository cases;

  public DismissalCaseRecords(DismissalCaseRepository cases) {
    this.cases = cases;
  }

  @Override
  public void notify(DelegateTask task) {
    Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (user == null || user.getUserId() == null) {
      throw Refusal.of(401, null, "此操作必須由已登入的使用者進行", "This operation needs an authenticated user.");
    }
    List<Refusal.Error> errors = new ArrayList<>();
    String legalBasis = text(task.getVariable("legalBasis"));
    String facts = text(task.getVariable("facts"));
    Object recommendation = task.getVariable("recommendation");
    if (legalBasis == null) {
      errors.add(new Refusal.Error("legalBasis", "法律依據必填", "legalBasis is required"));
    }
    if (facts == null) {
      errors.add(new Refusal.Error("facts", "事實必填", "facts is required"));
    }
    if (!"dismiss".equals(recommendation) && !"noDismissal".equals(recommendation)) {
      errors.add(new Refusal.Error("recommendation", "請選擇建議", "recommendation must be dismiss or noDismissal"));
    }
    if (!errors.isEmpty()) {
      throw new Refusal(400, errors);
    }
    long caseId = ((Number) task.getVariable("caseId")).longValue();
    cases.prepared(caseId, legalBasis, facts, user.getUserId(),
        "dismiss".equals(recommendation) ? DismissalCaseRepository.IN_REVIEW : DismissalCaseRepository.OPEN);
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }
}
