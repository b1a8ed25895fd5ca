package com.zhidu.marketresearch;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 記錄審批結果: after report-approval approved the plan (§3.1.1) or the report (§3.1.5), records the approved
 * version in research_plan (the review_decision rows are the evidence). Which one is told by {@code stage}.
 */
@Component("recordResearchApproval")
public class ResearchStageDelegate implements JavaDelegate {

  private final ResearchRepository research;

  public ResearchStageDelegate(ResearchRepository research) {
    this.research = research;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long planId = ((Number) execution.getVariable("planId")).longValue();
    if (execution.getCurrentActivityId().equals("approveResearchPlan")) {
      research.markPlanApproved(planId, research.latestPlanVersionOf(planId));
    } else {
      research.markReportApproved(planId, research.latestReportVersionOf(planId));
      ResearchRepository.ReportVersion report = research.latestReport(planId);
      execution.setVariable("resultsSummary", report.conclusions());
      execution.setVariable("resultsRecommendations", report.recommendations());
    }
  }
}
