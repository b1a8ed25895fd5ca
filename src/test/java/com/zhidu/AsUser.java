package com.zhidu;

import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;

/** Runs an action as an authenticated demo user (with their real groups), as the REST filter would. */
public final class AsUser {

  private final IdentityService identity;

  public AsUser(IdentityService identity) {
    this.identity = identity;
  }

  public void run(String userId, Runnable action) {
    call(userId, () -> {
      action.run();
      return null;
    });
  }

  public <T> T call(String userId, Supplier<T> action) {
    identity.clearAuthentication();
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    identity.setAuthentication(userId, groups);
    try {
      return action.get();
    } finally {
      identity.clearAuthentication();
    }
  }
}
