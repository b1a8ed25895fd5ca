package com.zhidu.reportsubmission;

import com.zhidu.organization.OrganizationService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/**
 * 登記報告: stores the submitted report and its version 1, with the recipients. The author is the
 * authenticated starter as history recorded it at start (not a variable anyone could have set since).
 * Idempotent: a retried job finds the report of this process instance and adds nothing twice.
 */
@Component("storeReport")
public class StoreReportDelegate implements JavaDelegate {

  private final ReportRepository reports;
  private final OrganizationService organization;
  private final ReportContentCheck check;

  public StoreReportDelegate(ReportRepository reports, OrganizationService organization, ReportContentCheck check) {
    this.reports = reports;
    this.organization = organization;
    this.check = check;
  }

  @Override
  public void execute(DelegateExecution execution) {
    HistoricProcessInstance submission = execution.getProcessEngineServices().getHistoryService()
        .createHistoricProcessInstanceQuery().processInstanceId(execution.getProcessInstanceId()).singleResult();
    String author = submission == null ? null : submission.getStartUserId();
    if (author == null) {
      throw new ProcessEngineException("無法確認報告作者:流程不是由已登入的使用者啟動的。");
    }
    String area = ReportingGroups.areaOf(organization, author)
        .orElseThrow(() -> new ProcessEngineException("報告作者 " + author + " 不屬於市場調研組或運營分析組。"));
    ReportContent content = ReportContent.of(execution);
    if (content.title() == null || content.summary() == null) {
      throw new ProcessEngineException("報告缺少標題或摘要,無法登記。");
    }
    long reportId = reports.createOnce(execution.getProcessInstanceId(),
        ReportContent.text(execution, ReportContent.KIND), ReportContent.text(execution, ReportContent.PERIOD),
        author, area);
    reports.addVersionOnce(reportId, 1, content, author);
    check.recipients(execution).forEach(recipient -> reports.addRecipientOnce(reportId, recipient));
    // The report number is the case's business key: Tasklist, the auditor view and REST can search by it.
    execution.setProcessBusinessKey("RPT-" + reportId);
    execution.setVariable("reportId", reportId);
    execution.setVariable("reportVersion", 1);
  }
}
