package com.zhidu.platform;

import java.util.List;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;

/**
 * One authorization check of the engine ({@code AuthorizationManager.isAuthorized}: claim, complete, start, read …)
 * as the arrays of the statement {@code isUserAuthorizedForResource_zhidu} (db/engine-queries/postgres.xml), when it
 * is a plain check of grants: every permission checked is a resource type, a permission and a resource id (or none),
 * all of them required or any one enough, and revokes are not checked ({@code authorization-check-revokes: never}).
 * Then the engine's statement says "granted" exactly when, for any (all) of the checks, a grant of the permission on
 * that resource or on every resource ({@code '*'}) exists for the user, for one of the groups, or for everyone. Any
 * other shape — revokes checked, nested checks, a resource id taken from the query, a "not found" answer of its own —
 * gives {@code null} and keeps the engine's statement.
 */
public final class GrantCheck {

  private final String userId;
  private final String[] groupIds;
  private final Integer[] resourceTypes;
  private final Integer[] perms;
  private final String[] resourceIds;
  private final boolean disjunctive;

  private GrantCheck(AuthorizationCheck check, List<PermissionCheck> permissions) {
    userId = check.getAuthUserId();
    List<String> groups = check.getAuthGroupIds();
    groupIds = groups == null ? new String[0] : groups.toArray(String[]::new);
    int n = permissions.size();
    resourceTypes = new Integer[n];
    perms = new Integer[n];
    resourceIds = new String[n];
    for (int i = 0; i < n; i++) {
      PermissionCheck permission = permissions.get(i);
      resourceTypes[i] = permission.getResourceType();
      perms[i] = permission.getPerms();
      resourceIds[i] = permission.getResourceId(); // null or '*': only grants on every resource count
    }
    // One check alone is its own answer: the engine's statement ignores the flag then.
    disjunctive = n == 1 || check.getPermissionChecks().isDisjunctive();
  }

  /** The check's arrays, or {@code null} when the engine's own statement must answer it. */
  public static GrantCheck of(Object parameter) {
    if (!(parameter instanceof AuthorizationCheck check) || check.isRevokeAuthorizationCheckEnabled()) {
      return null;
    }
    CompositePermissionCheck composite = check.getPermissionChecks();
    if (composite == null || composite.getAtomicChecks() == null || composite.getAtomicChecks().isEmpty()
        || (composite.getCompositeChecks() != null && !composite.getCompositeChecks().isEmpty())) {
      return null;
    }
    for (PermissionCheck permission : composite.getAtomicChecks()) {
      if (permission.getResourceIdQueryParam() != null || permission.getAuthorizationNotFoundReturnValue() != null) {
        return null;
      }
    }
    return new GrantCheck(check, composite.getAtomicChecks());
  }

  public String getUserId() {
    return userId;
  }

  public String[] getGroupIds() {
    return groupIds;
  }

  public Integer[] getResourceTypes() {
    return resourceTypes;
  }

  public Integer[] getPerms() {
    return perms;
  }

  public String[] getResourceIds() {
    return resourceIds;
  }

  public boolean isDisjunctive() {
    return disjunctive;
  }
}
