package com.zhidu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.ZhiduTest;
import java.util.List;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine's authorization checks get the user's groups without the per-command narrowing query, and decide
 * exactly as before: a grant to one of the user's groups lets them see a task, a group without any grant adds
 * nothing, and a user with no granted group sees nothing.
 */
@ZhiduTest
class UnfilteredAuthorizationGroupsTest {

  @Autowired ProcessEngine engine;

  private String taskId;

  @AfterEach
  void cleanUp() {
    engine.getIdentityService().clearAuthentication();
    if (taskId != null) {
      engine.getTaskService().deleteTask(taskId, true);
    }
  }

  @Test
  void theEngineUsesZhidusAuthorizationManager() {
    Command<AuthorizationManager> manager = context -> context.getAuthorizationManager();
    assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(manager)).isInstanceOf(UnfilteredAuthorizationGroups.Manager.class);
  }

  @Test
  void groupsPassUnchangedUpToManyAndAreNarrowedBeyond() {
    UnfilteredAuthorizationGroups.Manager manager = new UnfilteredAuthorizationGroups.Manager();
    assertThat(manager.filterAuthenticatedGroupIds(List.of("sales", "no-grants-here")))
        .containsExactly("sales", "no-grants-here");
    assertThat(manager.filterAuthenticatedGroupIds(List.of())).isEmpty();

    List<String> many = IntStream.rangeClosed(0, UnfilteredAuthorizationGroups.MANY_GROUPS)
        .mapToObj(i -> "group-" + i).toList();
    Command<List<String>> narrowed = context -> context.getAuthorizationManager().filterAuthenticatedGroupIds(
        many.stream().map(g -> g.equals("group-0") ? "sales" : g).toList());
    assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(narrowed)).containsExactly("sales");
  }

  @Test
  void aGrantToOneOfTheUsersGroupsDecidesAndAGroupWithoutGrantsAddsNothing() {
    Task task = engine.getTaskService().newTask();
    task.setName("授權測試");
    engine.getTaskService().saveTask(task);
    taskId = task.getId();
    engine.getTaskService().addCandidateGroup(taskId, "legal");

    engine.getIdentityService().setAuthentication("someone", List.of("legal", "no-grants-here"));
    assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).count()).isEqualTo(1);

    engine.getIdentityService().setAuthentication("someone", List.of("sales", "no-grants-here"));
    assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).count()).isZero();
    assertThat(engine.getAuthorizationService().isUserAuthorized("someone", List.of("sales", "no-grants-here"),
        Permissions.READ, Resources.TASK, taskId)).isFalse();
    assertThat(engine.getAuthorizationService().isUserAuthorized("someone", List.of("legal", "no-grants-here"),
        Permissions.READ, Resources.TASK, taskId)).isTrue();
  }
}
