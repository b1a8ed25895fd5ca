package com.zhidu.hiringrequest;

import com.zhidu.hiringrequest.HiringRepository.Hire;
import java.security.SecureRandom;
import java.util.Base64;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * 新進人員加入組織: creates the new employee's Camunda user and memberships (the request's group and sales
 * team) from hired_employee. Runs as a job (no authenticated user), idempotent. OrganizationSeeder manages
 * only the users organization.yaml lists, so this user and memberships stay across restarts; listing the
 * employee in organization.yaml later makes the file authoritative for them. The password is unknown until an
 * administrator sets one in Camunda Admin (as for any user seeded outside the demo).
 */
@Component("addEmployee")
public class AddEmployeeDelegate implements JavaDelegate {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final HiringRepository hiring;

  public AddEmployeeDelegate(HiringRepository hiring) {
    this.hiring = hiring;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long requestId = ((Number) execution.getVariable("requestId")).longValue();
    int slot = ((Number) execution.getVariable("slot")).intValue();
    Hire hire = hiring.hire(requestId, slot);
    IdentityService identity = execution.getProcessEngineServices().getIdentityService();
    if (identity.createUserQuery().userId(hire.userId()).count() == 0) {
      User user = identity.newUser(hire.userId());
      user.setFirstName(hire.name());
      user.setLastName("");
      user.setEmail(hire.email());
      byte[] secret = new byte[24];
      RANDOM.nextBytes(secret);
      user.setPassword(Base64.getEncoder().encodeToString(secret) + "aA1!");
      identity.saveUser(user);
    }
    join(identity, hire.userId(), hire.memberGroup());
    if (hire.team() != null) {
      join(identity, hire.userId(), hire.team());
    }
    hiring.markAdded(requestId, slot);
  }

  private static void join(IdentityService identity, String userId, String groupId) {
    if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
      identity.createMembership(userId, groupId);
    }
  }
}
