package com.zhidu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.ZhiduTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.cfg.auth.ResourceAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The default task grants Zhidu's provider writes are the engine's own: each scenario runs once with
 * {@link NewTaskGrants} and once with Camunda's {@code DefaultAuthorizationProvider}, and the grants on the tasks
 * (who, which resource, which permissions) must be the same. New tasks (a case's first tasks; a task given the same
 * group twice, a candidate user and that user as assignee, all in one command) skip the lookup; for stored tasks
 * (claim, a claim again, a user or group added later) one lookup answers for the task and its history.
 */
@ZhiduTest
class NewTaskGrantsTest {

  @Autowired ProcessEngine engine;

  private final List<String> standaloneTasks = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    engine.getIdentityService().clearAuthentication();
    standaloneTasks.forEach(id -> engine.getTaskService().deleteTask(id, true));
  }

  @Test
  void theEngineUsesZhidusProvider() {
    assertThat(configuration().getResourceAuthorizationProvider()).isInstanceOf(NewTaskGrants.Provider.class);
  }

  @Test
  void aNewTaskInOneCommandGetsTheEnginesGrants() {
    sameGrantsWithEitherProvider(() -> {
      String taskId = configuration().getCommandExecutorTxRequired().execute(context -> {
        TaskEntity task = new TaskEntity();
        task.setName("授權測試");
        task.insert();
        task.fireAuthorizationProvider();
        task.addCandidateGroup("legal");
        task.addCandidateGroup("legal");
        task.addCandidateUser("zhangwei");
        task.setAssignee("zhangwei");
        return task.getId();
      });
      standaloneTasks.add(taskId);
      return grantsOn(List.of(taskId));
    });
  }

  @Test
  void aCasesTasksThenClaimedAndGivenAnotherGroupGetTheEnginesGrants() {
    sameGrantsWithEitherProvider(() -> {
      ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("security-fixture");
      List<String> created = grantsOn(taskIds(instance));
      Task sales = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
          .taskDefinitionKey("salesTask").singleResult();
      engine.getTaskService().claim(sales.getId(), "zhangwei");
      engine.getTaskService().setAssignee(sales.getId(), null);
      engine.getTaskService().claim(sales.getId(), "zhangwei"); // grants on the task and its history exist now
      // A grant on the task but none on its history (as 我發起的 gives the case's starter): extended and created.
      Authorization read = engine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      read.setUserId("wangwu");
      read.setResource(org.camunda.bpm.engine.authorization.Resources.TASK);
      read.setResourceId(sales.getId());
      read.addPermission(org.camunda.bpm.engine.authorization.Permissions.READ);
      engine.getAuthorizationService().saveAuthorization(read);
      engine.getTaskService().setAssignee(sales.getId(), "wangwu");
      engine.getTaskService().addCandidateUser(sales.getId(), "lisi");
      engine.getTaskService().addCandidateGroup(sales.getId(), "legal");
      engine.getTaskService().addCandidateGroup(sales.getId(), "sales");
      List<String> after = grantsOn(taskIds(instance));
      engine.getRuntimeService().deleteProcessInstance(instance.getId(), "test");
      assertThat(created).isNotEmpty();
      assertThat(after).hasSizeGreaterThan(created.size());
      return List.of(created, after);
    });
  }

  @Test
  void aClaimLooksTheClaimersGrantsUpOnceForTheTaskAndItsHistory() {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("security-fixture");
    Task sales = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey("salesTask").singleResult();
    try {
      assertThat(GrantLookups.during(configuration(), () -> engine.getTaskService().claim(sales.getId(), "zhangwei"))).isEqualTo(1);
      engine.getTaskService().setAssignee(sales.getId(), null);
      ResourceAuthorizationProvider zhidu = configuration().getResourceAuthorizationProvider();
      configuration().setResourceAuthorizationProvider(new DefaultAuthorizationProvider());
      try {
        assertThat(GrantLookups.during(configuration(), () -> engine.getTaskService().claim(sales.getId(), "zhangwei")))
            .as("Camunda's provider: one for the task, one for its history").isEqualTo(2);
      } finally {
        configuration().setResourceAuthorizationProvider(zhidu);
      }
    } finally {
      engine.getRuntimeService().deleteProcessInstance(instance.getId(), "test");
    }
  }

  /** Counts, on this thread, the engine's lookups of a user's or group's grant ({@code selectAuthorizationByParameters}). */
  @Intercepts(@Signature(type = Executor.class, method = "query",
      args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}))
  static final class GrantLookups implements Interceptor {
    private static final ThreadLocal<int[]> COUNT = new ThreadLocal<>();
    private static final GrantLookups INSTANCE = new GrantLookups();

    static synchronized int during(ProcessEngineConfigurationImpl engine, Runnable action) {
      org.apache.ibatis.session.Configuration mybatis = engine.getSqlSessionFactory().getConfiguration();
      if (!mybatis.getInterceptors().contains(INSTANCE)) {
        mybatis.addInterceptor(INSTANCE); // counts nothing unless a count is running on the thread
      }
      COUNT.set(new int[1]);
      try {
        action.run();
        return COUNT.get()[0];
      } finally {
        COUNT.remove();
      }
    }

    @Override
    public Object intercept(Invocation invocation) throws Throwable {
      int[] count = COUNT.get();
      if (count != null && ((MappedStatement) invocation.getArgs()[0]).getId()
          .endsWith("selectAuthorizationByParameters")) {
        count[0]++;
      }
      return invocation.proceed();
    }
  }

  /** Runs the scenario with Zhidu's provider, then with Camunda's: both must leave the same grants. */
  private void sameGrantsWithEitherProvider(Supplier<List<?>> scenario) {
    List<?> zhidus = scenario.get();
    ResourceAuthorizationProvider zhidu = configuration().getResourceAuthorizationProvider();
    configuration().setResourceAuthorizationProvider(new DefaultAuthorizationProvider());
    try {
      assertThat(zhidus).isEqualTo(scenario.get());
    } finally {
      configuration().setResourceAuthorizationProvider(zhidu);
    }
  }

  private List<String> taskIds(ProcessInstance instance) {
    return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).list().stream()
        .map(Task::getId).toList();
  }

  /** The grants on the tasks, by task name and without ids, so two runs compare. */
  private List<String> grantsOn(List<String> taskIds) {
    Map<String, String> names = new TreeMap<>();
    for (String id : taskIds) {
      Task task = engine.getTaskService().createTaskQuery().taskId(id).singleResult();
      names.put(id, task.getTaskDefinitionKey() == null ? task.getName() : task.getTaskDefinitionKey());
    }
    List<String> grants = new ArrayList<>();
    for (String id : taskIds) {
      for (Authorization grant : engine.getAuthorizationService().createAuthorizationQuery().resourceId(id).list()) {
        grants.add(names.get(id) + " " + grant.getAuthorizationType() + " user=" + grant.getUserId() + " group="
            + grant.getGroupId() + " resource=" + grant.getResourceType() + " perms="
            + ((AuthorizationEntity) grant).getPermissions());
      }
    }
    grants.sort(null);
    return grants;
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }
}
