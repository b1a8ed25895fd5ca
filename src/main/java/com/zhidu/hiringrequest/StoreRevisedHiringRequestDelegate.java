package com.zhidu.hiringrequest;

import com.zhidu.organization.OrganizationService;
import com.zhidu.reportapproval.ReviewDecisionRepository;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 保存修改後的招聘申請: the revised request becomes a NEW version (the earlier one is kept in
 * hiring_request_version) and goes back to review. Only while the current version stands sent back in
 * review_decision, so a retried job adds nothing.
 */
@Component("storeRevisedHiringRequest")
public class StoreRevisedHiringRequestDelegate implements JavaDelegate {

  private final HiringRepository hiring;
  private final ReviewDecisionRepository decisions;
  private final OrganizationService organization;

  public StoreRevisedHiringRequestDelegate(HiringRepository hiring, ReviewDecisionRepository decisions,
      OrganizationService organization) {
    this.hiring = hiring;
    this.decisions = decisions;
    this.organization = organization;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long id = ((Number) execution.getVariable("requestId")).longValue();
    int version = hiring.versionOf(id);
    if (decisions.revisionRequested(HiringRepository.SUBJECT_TYPE, String.valueOf(id), version)) {
      hiring.reviseOnce(id, version, HiringRequestContent.read(execution::getVariable, organization),
          hiring.authorOf(id));
    }
  }
}
