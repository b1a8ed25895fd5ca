package com.zhidu.platform.operations;

import com.zhidu.platform.CaseParticipants;
import com.zhidu.platform.Refusal;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /zhidu/api/consistency}: the {@link ConsistencyChecker}'s report for operations (administrators)
 * and auditors; read-only, everyone else 403. Not under {@code /zhidu/api/operations/}, which is operations
 * analysis (§3.4).
 */
@RestController
public class ConsistencyController {

  private final ConsistencyChecker checker;
  private final IdentityService identity;

  public ConsistencyController(ConsistencyChecker checker, IdentityService identity) {
    this.checker = checker;
    this.identity = identity;
  }

  @GetMapping("/zhidu/api/consistency")
  public ConsistencyChecker.Report consistency() {
    Authentication user = identity.getCurrentAuthentication();
    if (user == null || user.getGroupIds() == null
        || user.getGroupIds().stream().noneMatch(CaseParticipants.READ_ALL_GROUPS::contains)) {
      throw Refusal.of(403, null, "只有審計及系統管理員可以執行一致性檢查",
          "Only auditors and administrators may run the consistency check.");
    }
    return checker.check();
  }
}
