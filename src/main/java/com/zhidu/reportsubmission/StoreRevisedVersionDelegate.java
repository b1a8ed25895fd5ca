package com.zhidu.reportsubmission;

import com.zhidu.platform.TaskActionRecorder;
import com.zhidu.reportapproval.ReviewDecisionRepository;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 保存修訂版本: keeps the revised content as a NEW version (earlier versions stay). A new version is due
 * only while the latest one stands rejected in review_decision; once it is stored, the latest version
 * is unreviewed, so a retried job adds nothing.
 */
@Component("storeRevisedVersion")
public class StoreRevisedVersionDelegate implements JavaDelegate {

  static final String REVISE_TASK = "reviseReport";

  private final ReportRepository reports;
  private final ReviewDecisionRepository decisions;
  private final TaskActionRecorder taskActions;

  public StoreRevisedVersionDelegate(ReportRepository reports, ReviewDecisionRepository decisions,
      TaskActionRecorder taskActions) {
    this.reports = reports;
    this.decisions = decisions;
    this.taskActions = taskActions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Report report = reports.findBySubmission(execution.getProcessInstanceId()).orElseThrow();
    int latest = reports.latestVersionOf(report.id());
    if (decisions.revisionRequested("report", String.valueOf(report.id()), latest)) {
      reports.addVersionOnce(report.id(), latest + 1, ReportContent.of(execution), reviser(execution, report));
      latest = latest + 1;
    }
    execution.setVariable("reportVersion", latest);
  }

  /** Who completed 修改報告 last, from the trusted task record; the assignee (the author) otherwise. */
  private String reviser(DelegateExecution execution, Report report) {
    List<String> performers = taskActions.performersOf(execution.getProcessInstanceId(), REVISE_TASK);
    return performers.isEmpty() ? report.author() : performers.get(performers.size() - 1);
  }
}
