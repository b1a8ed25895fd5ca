package com.zhidu.marketresearch;

import com.zhidu.platform.documents.Documents;
import com.zhidu.platform.documents.StoredDocument;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 生成報告 PDF (§3.1.4): the current report version with the analysis and its charts as a PDF through the
 * documents mechanism, once per version (idempotency key {@code researchReport:<plan>:v<version>}).
 */
@Component("generateResearchReport")
public class GenerateResearchReportDelegate implements JavaDelegate {

  private final ResearchRepository research;
  private final ResearchReportDocuments reports;
  private final Documents documents;

  public GenerateResearchReportDelegate(ResearchRepository research, ResearchReportDocuments reports,
      Documents documents) {
    this.research = research;
    this.reports = reports;
    this.documents = documents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long planId = ((Number) execution.getVariable("planId")).longValue();
    int version = research.latestReportVersionOf(planId);
    StoredDocument pdf = documents.pdfOnce(execution, "researchReport", "市場調研報告-MR-" + planId + "-v" + version + ".pdf",
        "researchReport:" + planId + ":v" + version, () -> reports.reportDocument(planId));
    research.setReportDocument(planId, version, pdf.id());
    research.setStatus(planId, "reportReview");
    execution.setVariable("reportLink", pdf.url());
  }
}
