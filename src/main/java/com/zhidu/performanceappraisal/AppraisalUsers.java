package com.zhidu.performanceappraisal;

import com.zhidu.platform.Refusal;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** The authenticated user of an operation: trusted facts are recorded with it, never with a variable. */
final class AppraisalUsers {

  private AppraisalUsers() {}

  static String authenticated(IdentityService identity) {
    Authentication authentication = identity.getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      throw Refusal.of(401, null, "此操作必須由已登入的使用者進行", "This operation needs an authenticated user.");
    }
    return authentication.getUserId();
  }

  static String authenticatedOrNull(IdentityService identity) {
    Authentication authentication = identity.getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }
}
