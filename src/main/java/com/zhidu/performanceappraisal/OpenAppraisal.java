package com.zhidu.performanceappraisal;

import com.zhidu.organization.OrganizationService;
import com.zhidu.performanceappraisal.AppraisalRepository.Cycle;
import com.zhidu.performanceappraisal.AppraisalRepository.Weights;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Creates one employee's score sheet (§4.1.2): role, line manager, the indicator and evaluator weights of the
 * role (decision appraisal-weights), and for salespeople the results indicator from the sales analysis
 * (attainment of the target by the signed amount, 0..100; the collected amount is kept for the commission).
 */
@Component("openAppraisal")
public class OpenAppraisal implements JavaDelegate {

  static final List<String> SALES_ROLES = List.of("sales", "salesManagement");

  private final AppraisalCycles cycles;
  private final AppraisalRepository appraisals;
  private final OrganizationService organization;
  private final ObjectProvider<SalesResults> salesResults;

  public OpenAppraisal(AppraisalCycles cycles, AppraisalRepository appraisals, OrganizationService organization,
      ObjectProvider<SalesResults> salesResults) {
    this.cycles = cycles;
    this.appraisals = appraisals;
    this.organization = organization;
    this.salesResults = salesResults;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String employee = (String) execution.getVariable("employeeId");
    Cycle cycle = appraisals.cycle(AppraisalRepository.id(execution.getVariable("cycleId"))).orElseThrow();
    String role = cycles.roleOf(employee);
    String manager = organization.lineManagerOf(employee);
    if (manager == null) {
      manager = organization.headOf("deptManager");
    }
    DmnDecisionRuleResult w = execution.getProcessEngineServices().getDecisionService()
        .evaluateDecisionTableByKey("appraisal-weights", Variables.createVariables().putValue("role", role))
        .getSingleResult();
    Weights weights = new Weights(integer(w, "weightResults"), integer(w, "weightAbility"), integer(w, "weightAttitude"),
        integer(w, "weightSelf"), integer(w, "weightSuperior"), integer(w, "weightPeer"), integer(w, "weightCustomer"));
    long id = appraisals.insertAppraisal(cycle.id(), employee, role, manager, cycle.kind(), cycle.periodStart(), weights);
    if (SALES_ROLES.contains(role)) {
      salesResults.orderedStream()
          .flatMap(source -> source.forSalesperson(employee, cycle.periodStart(), cycle.periodEnd()).stream())
          .filter(f -> f.target() > 0).findFirst()
          .ifPresent(f -> appraisals.setResults(id, (int) Math.min(100, Math.round(f.signed() * 100.0 / f.target())),
              "salesAnalysis", f.collected()));
    }
    execution.setVariable("appraisalId", id);
    execution.setVariable("lineManager", manager);
    execution.setVariable("customerEvaluation", weights.customer() > 0);
    // §4.1.4: an improvement plan of an earlier cycle of this kind is reviewed by the line manager in this round.
    execution.setVariable("improvementPlanOpen",
        !appraisals.openImprovementPlans(employee, cycle.kind(), cycle.periodStart()).isEmpty());
  }

  static int integer(DmnDecisionRuleResult entries, String name) {
    return ((Number) entries.getEntry(name)).intValue();
  }
}
