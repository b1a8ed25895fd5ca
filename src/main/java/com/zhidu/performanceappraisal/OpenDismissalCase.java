package com.zhidu.performanceappraisal;

import com.zhidu.dismissalcase.DismissalCaseRepository;
import com.zhidu.dismissalcase.DismissalCaseRepository.DismissalCase;
import com.zhidu.performanceappraisal.AppraisalRepository.Appraisal;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * §4.1.4: two consecutive unqualified cycles open a dismissal case for HR (process dismissal-case, business key
 * {@code DSM-<id>}). Opening the case decides nothing: HR prepares it with the legal basis, the manager and the
 * leadership approve or not. Idempotent (one case per appraisal; a retried job finds it).
 */
@Component("openDismissalCase")
public class OpenDismissalCase implements JavaDelegate {

  private final AppraisalRepository appraisals;
  private final DismissalCaseRepository cases;

  public OpenDismissalCase(AppraisalRepository appraisals, DismissalCaseRepository cases) {
    this.appraisals = appraisals;
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Appraisal a = appraisals.get(AppraisalRepository.id(execution.getVariable("appraisalId")));
    Appraisal previous = appraisals.previousOfSameKind(a.employeeId(), a.kind(), a.periodStart()).orElseThrow();
    DismissalCase opened = cases.open(a.employeeId(), a.id(), previous.id());
    if (opened.processInstanceId() == null) {
      String id = execution.getProcessEngineServices().getRuntimeService()
          .startProcessInstanceByKey("dismissal-case", "DSM-" + opened.id(), Map.of("caseId", opened.id(),
              "employeeId", a.employeeId(), "kind", a.kind()))
          .getId();
      cases.processInstance(opened.id(), id);
    }
  }
}
