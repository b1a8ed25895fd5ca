package com.zhidu.marketresearch;

import com.zhidu.platform.documents.Documents;
import com.zhidu.platform.documents.StoredDocument;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 數據分析與圖表 (§3.1.3): computes the analysis from the stored sources and questionnaire responses, stores it
 * with its charts as an HTML document of the case (once) and shows it to the report writer
 * ({@code analysisSummary}, {@code analysisLink}: display only; the report PDF recomputes from the tables).
 */
@Component("analyzeResearchData")
public class AnalyzeResearchDataDelegate implements JavaDelegate {

  private final ResearchRepository research;
  private final ResearchReportDocuments reports;
  private final Documents documents;

  public AnalyzeResearchDataDelegate(ResearchRepository research, ResearchReportDocuments reports, Documents documents) {
    this.research = research;
    this.reports = reports;
    this.documents = documents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long planId = ((Number) execution.getVariable("planId")).longValue();
    research.setStatus(planId, ResearchRepository.REPORTING);
    ResearchAnalysis analysis = ResearchAnalysis.of(research.responses(planId), research.sources(planId));
    StoredDocument html = documents.htmlOnce(execution, "researchAnalysis", "數據分析-MR-" + planId + ".html",
        "researchAnalysis:" + planId, () -> reports.analysisDocument(planId, analysis));
    execution.setVariable("analysisSummary", analysis.summary());
    execution.setVariable("analysisLink", html.url());
  }
}
