package com.zhidu.operationsanalysis;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 生成運營分析報告 (§3.4.3): the current version as HTML (link for the task) and PDF. */
@Component("generateOperationsReport")
public class GenerateOperationsReportDelegate implements JavaDelegate {

  private final OperationsRepository repository;
  private final OperationsReport report;

  public GenerateOperationsReportDelegate(OperationsRepository repository, OperationsReport report) {
    this.repository = repository;
    this.report = report;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long roundId = ((Number) execution.getVariable("roundId")).longValue();
    repository.setStatus(roundId, "reportReview");
    execution.setVariable("reportLink", report.linkOf(roundId));
  }
}
