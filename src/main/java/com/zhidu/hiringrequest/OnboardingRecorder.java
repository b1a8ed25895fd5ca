package com.zhidu.hiringrequest;

import com.zhidu.platform.Refusal;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * 完成新進人員通用培訓 (§5.2.1: company culture, rules and regulations, professional ethics). Only the new
 * employee completes it, with a short note of what was learned; recorded in hired_employee.
 */
@Component("onboardingRecorder")
public class OnboardingRecorder implements TaskListener {

  private final HiringRepository hiring;

  public OnboardingRecorder(HiringRepository hiring) {
    this.hiring = hiring;
  }

  @Override
  public void notify(DelegateTask task) {
    long requestId = ((Number) task.getVariable("requestId")).longValue();
    int slot = ((Number) task.getVariable("slot")).intValue();
    String employee = hiring.newEmployeeOf(requestId, slot);
    Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (user == null || !employee.equals(user.getUserId())) {
      throw Refusal.of(403, null, "新進人員通用培訓只能由新進人員本人完成。", "only the new employee completes onboarding");
    }
    String note = HiringRequestContent.text(task.getVariable("onboardingNote"));
    if (note == null || note.length() > 2000) {
      throw Refusal.of(400, "onboardingNote", "請填寫「培訓心得」(最多2000字)。", "onboardingNote is required");
    }
    hiring.markOnboarded(requestId, slot, note);
  }
}
