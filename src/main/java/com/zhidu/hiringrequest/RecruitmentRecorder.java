package com.zhidu.hiringrequest;

import com.zhidu.organization.OrganizationService;
import com.zhidu.platform.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * 招聘並登記新進人員 (hr). On create: shows the approved request. On complete: the new employee's account
 * (letters and digits, not taken), name, e-mail and line manager (a user of the organisation) are checked,
 * each refusal naming its field, and recorded in hired_employee with the authenticated hr user.
 */
@Component("recruitmentRecorder")
public class RecruitmentRecorder implements TaskListener {

  private static final Pattern USER_ID = Pattern.compile("[a-zA-Z0-9]{2,64}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private final HiringRepository hiring;
  private final OrganizationService organization;

  public RecruitmentRecorder(HiringRepository hiring, OrganizationService organization) {
    this.hiring = hiring;
    this.organization = organization;
  }

  @Override
  public void notify(DelegateTask task) {
    long requestId = ((Number) task.getVariable("requestId")).longValue();
    if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      task.setVariableLocal("requestText", hiring.contentTextOf(requestId));
      return;
    }
    Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (user == null || user.getGroupIds() == null || !user.getGroupIds().contains("hr")) {
      throw Refusal.of(403, null, "新進人員只能由人力資源部門登記。", "only hr records new employees");
    }
    List<Refusal.Error> errors = new ArrayList<>();
    String userId = HiringRequestContent.text(task.getVariable("newUserId"));
    if (userId == null || !USER_ID.matcher(userId).matches()) {
      errors.add(new Refusal.Error("newUserId", "「帳號」只能使用英文字母與數字(2–64字)。", "newUserId must be 2..64 letters or digits"));
    } else if (organization.user(userId).isPresent() || hiring.userIdTaken(userId)
        || task.getProcessEngineServices().getIdentityService().createUserQuery().userId(userId).count() > 0) {
      errors.add(new Refusal.Error("newUserId", "帳號 " + userId + " 已被使用。", "newUserId " + userId + " is taken"));
    }
    String name = HiringRequestContent.text(task.getVariable("newName"));
    if (name == null || name.length() > 200) {
      errors.add(new Refusal.Error("newName", "請填寫「姓名」。", "newName is required"));
    }
    String email = HiringRequestContent.text(task.getVariable("newEmail"));
    if (email != null && !EMAIL.matcher(email).matches()) {
      errors.add(new Refusal.Error("newEmail", "「電子郵件」格式不正確。", "newEmail is not an e-mail address"));
    }
    String manager = HiringRequestContent.text(task.getVariable("lineManager"));
    if (manager == null || organization.user(manager).isEmpty()) {
      errors.add(new Refusal.Error("lineManager", "「直屬主管」必須是組織中的使用者。", "lineManager must be a user of the organisation"));
    }
    if (!errors.isEmpty()) {
      throw new Refusal(400, errors);
    }
    int slot = ((Number) task.getVariable("slot")).intValue();
    hiring.recordHire(requestId, slot, userId, name, email, manager, user.getUserId());
  }
}
