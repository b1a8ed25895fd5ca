package com.zhidu.reportsubmission;

import com.zhidu.organization.OrganizationService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The rules a report must meet that form-js cannot express: a body or a document link, recipients who
 * exist in the organisation, an author from a reporting group. Runs synchronously at the start event and
 * on completing 修改報告, so the user sees the message and nothing is started or saved.
 */
@Component("reportContentCheck")
public class ReportContentCheck implements ExecutionListener, TaskListener {

  private final OrganizationService organization;

  public ReportContentCheck(OrganizationService organization) {
    this.organization = organization;
  }

  /** At the start event of report-submission. */
  @Override
  public void notify(DelegateExecution execution) {
    Authentication starter = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (starter == null || starter.getUserId() == null) {
      throw new ProcessEngineException("提交報告必須先登入。");
    }
    if (ReportingGroups.areaOf(organization, starter.getUserId()).isEmpty()) {
      throw new ProcessEngineException("只有市場調研組或運營分析組的成員可以提交報告。");
    }
    checkContent(execution);
    if (ReportContent.text(execution, ReportContent.KIND) == null
        || ReportContent.text(execution, ReportContent.PERIOD) == null) {
      throw new ProcessEngineException("請填寫報告的類型與期間。");
    }
    execution.setVariable(ReportContent.RECIPIENTS, String.join(",", recipients(execution)));
  }

  /** On completing 修改報告. */
  @Override
  public void notify(DelegateTask task) {
    checkContent(task);
  }

  private void checkContent(VariableScope scope) {
    ReportContent content = ReportContent.of(scope);
    if (content.title() == null || content.summary() == null) {
      throw new ProcessEngineException("請填寫報告的標題與摘要。");
    }
    if (content.body() == null && content.documentLink() == null) {
      throw new ProcessEngineException("請填寫報告正文或提供文件連結。");
    }
  }

  /** The recipients' user ids, deduplicated; every one must be a person of the organisation. */
  List<String> recipients(VariableScope scope) {
    String text = ReportContent.text(scope, ReportContent.RECIPIENTS);
    if (text == null) {
      throw new ProcessEngineException("請填寫至少一位收件人(使用者帳號,以逗號分隔)。");
    }
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(ids::add);
    List<String> unknown = new ArrayList<>(ids.stream().filter(id -> organization.user(id).isEmpty()).toList());
    if (ids.isEmpty() || !unknown.isEmpty()) {
      throw new ProcessEngineException("收件人不在組織中:" + String.join("、", unknown) + "。請填寫有效的使用者帳號。");
    }
    return List.copyOf(ids);
  }
}
