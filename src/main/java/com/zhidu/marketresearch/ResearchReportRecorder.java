package com.zhidu.marketresearch;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * 撰寫/修改調研報告 (§3.1.4, §3.1.5): on completion checks that all five sections are there and stores them
 * as the next report version by the authenticated writer, in the same transaction. On create (of the
 * revise task) nothing is needed: the form shows {@code reviewComments}.
 */
@Component("researchReportRecorder")
public class ResearchReportRecorder implements TaskListener {

  private final ResearchRepository research;

  public ResearchReportRecorder(ResearchRepository research) {
    this.research = research;
  }

  @Override
  public void notify(DelegateTask task) {
    ResearchReportContent content = ResearchReportContent.read(task::getVariable);
    long planId = ((Number) task.getVariable("planId")).longValue();
    Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String writer = user == null || user.getUserId() == null ? research.authorOf(planId) : user.getUserId();
    research.addReportVersion(planId, research.latestReportVersionOf(planId) + 1, content, writer);
  }
}
