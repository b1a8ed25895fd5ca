package com.zhidu.salesopportunity;

import com.zhidu.platform.CaseParticipants;
import com.zhidu.platform.Refusal;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * The "raise an opportunity" part of a form (§3.3.5), the same in a care contact and a complaint's feedback:
 * checkbox {@code raiseOpportunity}; then the need and the proposed solution are required, and the owner, if
 * named, must be a member of the sales group. Called by the task's complete listener, so a refusal keeps the
 * task open and nothing is written.
 */
@Component
public class OpportunityRequests {

  public static final String RAISE = "raiseOpportunity";
  public static final String NEED = "opportunityNeed";
  public static final String SOLUTION = "proposedSolution";
  public static final String OWNER = "opportunityOwner";
  public static final String SALES_GROUP = "sales";

  private final IdentityService identity;
  private final CaseParticipants participants;

  public OpportunityRequests(IdentityService identity, CaseParticipants participants) {
    this.identity = identity;
    this.participants = participants;
  }

  public static boolean raised(VariableScope scope) {
    return Boolean.TRUE.equals(scope.getVariable(RAISE));
  }

  public void check(VariableScope scope) {
    if (!raised(scope)) {
      return;
    }
    List<Refusal.Error> errors = new ArrayList<>();
    if (blank(scope.getVariable(NEED))) {
      errors.add(new Refusal.Error(NEED, "提出商機時請填寫客戶需求。", "Raising an opportunity needs the customer's need."));
    }
    if (blank(scope.getVariable(SOLUTION))) {
      errors.add(new Refusal.Error(SOLUTION, "提出商機時請填寫建議方案。",
          "Raising an opportunity needs a proposed solution."));
    }
    Object owner = scope.getVariable(OWNER);
    if (!blank(owner) && !isSalesperson(owner.toString().trim())) {
      errors.add(new Refusal.Error(OWNER, "負責銷售人員「" + owner + "」不是銷售人員。",
          "The owner " + owner + " is not a member of the sales group."));
    }
    if (!errors.isEmpty()) {
      throw new Refusal(400, errors);
    }
  }

  public boolean isSalesperson(String userId) {
    return participants.withoutAuthorization(() -> identity.createUserQuery().userId(userId)
        .memberOfGroup(SALES_GROUP).count() == 1);
  }

  static boolean blank(Object value) {
    return value == null || value.toString().isBlank();
  }
}
