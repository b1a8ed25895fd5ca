package com.zhidu.platform;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Before each authorization check the engine narrows the user's groups to those that hold any authorization at
 * all, with one query per command ({@code selectAuthorizedGroupIds}, 7-11 per case in the bench,
 * docs/performance.md). The narrowing changes no decision: a group without authorizations matches no row of the
 * check it is dropped from. Zhidu's employees belong to a handful of groups, so the checks get the groups as they
 * are and the query is not run; a user in very many groups still gets the engine's narrowing, which keeps the
 * check's {@code IN} list short.
 */
@Component
public class UnfilteredAuthorizationGroups extends AbstractProcessEnginePlugin {

  /** Above this many groups the engine's narrowing is worth its query. */
  static final int MANY_GROUPS = 50;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomSessionFactories() == null) {
      configuration.setCustomSessionFactories(new ArrayList<>());
    }
    // Registered for the engine's own session type, so it replaces the default AuthorizationManager.
    configuration.getCustomSessionFactories().add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return AuthorizationManager.class;
      }

      @Override
      public Session openSession() {
        return new Manager();
      }
    });
  }

  static final class Manager extends AuthorizationManager {
    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      if (authenticatedGroupIds == null || authenticatedGroupIds.size() > MANY_GROUPS) {
        return super.filterAuthenticatedGroupIds(authenticatedGroupIds);
      }
      return new ArrayList<>(authenticatedGroupIds);
    }
  }
}
