package com.zhidu.operationsanalysis;

import com.zhidu.platform.documents.Documents;
import com.zhidu.platform.documents.StoredDocument;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 生成運營分析報告 (§3.4.3): the current version as PDF through the documents mechanism, once per version
 * (idempotency key {@code operationsReport:<round>:v<version>}); {@code reportPdfLink} for the reviewers and
 * recipients, {@code reportLink} the HTML view.
 */
@Component("generateOperationsReport")
public class GenerateOperationsReportDelegate implements JavaDelegate {

  private final OperationsRepository repository;
  private final OperationsReport report;
  private final Documents documents;

  public GenerateOperationsReportDelegate(OperationsRepository repository, OperationsReport report, Documents documents) {
    this.repository = repository;
    this.report = report;
    this.documents = documents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long roundId = ((Number) execution.getVariable("roundId")).longValue();
    int version = repository.latestReportVersionOf(roundId);
    String period = repository.periodOf(roundId);
    StoredDocument pdf = documents.pdfOnce(execution, "operationsReport", "運營分析報告-" + period + "-v" + version + ".pdf",
        "operationsReport:" + roundId + ":v" + version, () -> report.document(roundId));
    repository.setReportDocument(roundId, version, pdf.id());
    repository.setStatus(roundId, "reportReview");
    execution.setVariable("reportLink", report.linkOf(roundId));
    execution.setVariable("reportPdfLink", pdf.url());
  }
}
