package com.zhidu.marketresearch;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 數據分析 (§3.1.3): computes the analysis from the stored sources and questionnaire responses and shows it
 * to the report writer ({@code analysisSummary}, display only: the report PDF recomputes from the tables).
 */
@Component("analyzeResearchData")
public class AnalyzeResearchDataDelegate implements JavaDelegate {

  private final ResearchRepository research;

  public AnalyzeResearchDataDelegate(ResearchRepository research) {
    this.research = research;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long planId = ((Number) execution.getVariable("planId")).longValue();
    research.setStatus(planId, ResearchRepository.REPORTING);
    ResearchAnalysis analysis = ResearchAnalysis.of(research.responses(planId), research.sources(planId));
    execution.setVariable("analysisSummary", analysis.summary());
  }
}
