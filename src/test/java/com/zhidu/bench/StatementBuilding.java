package com.zhidu.bench;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheckBuilder;

/**
 * {@code -Dbench.mode=statements}: how long MyBatis takes to build the SQL of two of the engine's statements Zhidu's
 * users cause most (a Tasklist task list with authorization, a claim's authorization check), with MyBatis's own
 * nodes and with Zhidu's compiled ones ({@code SqlNodesCompiledOnce}), in one JVM, rounds alternating. A micro
 * measurement of one part: whole runs of the driver vary more between two runs than this part weighs.
 */
final class StatementBuilding {

  private StatementBuilding() {}

  static void run() {
    ProcessEngine mybatisNodes = engine();
    ProcessEngine compiledNodes = engine();
    try {
      int replaced = com.zhidu.platform.SqlNodesCompiledOnce.replaceIn(mybatis(compiledNodes));
      System.out.printf(Locale.ROOT, "Statement building, µs per call (%d nodes compiled)%n", replaced);
      System.out.printf(Locale.ROOT, "  %-44s %12s %12s%n", "statement", "MyBatis", "compiled");
      for (String statement : List.of("selectTaskByQueryCriteria", "isUserAuthorizedForResource")) {
        double before = 0;
        double after = 0;
        for (int round = 0; round < 10; round++) {
          double mybatisMicros = time(mybatisNodes, statement);
          double compiledMicros = time(compiledNodes, statement);
          if (round >= 5) { // the first rounds warm the JIT up
            before += mybatisMicros / 5;
            after += compiledMicros / 5;
          }
        }
        System.out.printf(Locale.ROOT, "  %-44s %12.1f %12.1f%n", statement, before, after);
      }
    } finally {
      mybatisNodes.close();
      compiledNodes.close();
    }
  }

  private static ProcessEngine engine() {
    return ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
        .setJdbcUrl("jdbc:h2:mem:statements-" + UUID.randomUUID()).setJobExecutorActivate(false)
        .buildProcessEngine();
  }

  private static Configuration mybatis(ProcessEngine engine) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getSqlSessionFactory()
        .getConfiguration();
  }

  /** µs per getBoundSql of the statement, over 5,000 calls inside a command (the checks ask the command context). */
  private static double time(ProcessEngine engine, String statement) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
        .getProcessEngineConfiguration();
    return configuration.getCommandExecutorTxRequired().execute(context -> {
      Object parameter = parameter(statement);
      MappedStatement mapped = mybatis(engine).getMappedStatement(statement);
      int calls = 5_000;
      long length = 0;
      long start = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        length += mapped.getBoundSql(parameter).getSql().length();
      }
      double micros = (System.nanoTime() - start) / 1e3 / calls;
      if (length == 0) {
        throw new IllegalStateException("no SQL built");
      }
      return micros;
    });
  }

  /** The parameters as the engine builds them for an employee in three groups. */
  private static Object parameter(String statement) {
    List<String> groups = List.of("sales", "crm", "deptManager");
    if (statement.equals("isUserAuthorizedForResource")) {
      return new AuthorizationCheck("zhangwei", groups, new PermissionCheckBuilder().disjunctive()
          .atomicCheckForResourceId(Resources.TASK, "task-1", Permissions.UPDATE)
          .atomicCheckForResourceId(Resources.TASK, "task-1", Permissions.TASK_WORK)
          .atomicCheckForResourceId(Resources.PROCESS_DEFINITION, "approval", Permissions.UPDATE_TASK)
          .atomicCheckForResourceId(Resources.PROCESS_DEFINITION, "approval", Permissions.TASK_WORK)
          .build(), true);
    }
    TaskQueryImpl tasks = new TaskQueryImpl();
    tasks.taskCandidateUser("zhangwei").includeAssignedTasks().orderByTaskCreateTime().desc();
    AuthorizationCheck read = tasks.getAuthCheck();
    read.setAuthorizationCheckEnabled(true);
    read.setAuthUserId("zhangwei");
    read.setAuthGroupIds(groups);
    read.setPermissionChecks(new PermissionCheckBuilder().disjunctive()
        .atomicCheck(Resources.TASK, "RES.ID_", Permissions.READ)
        .atomicCheck(Resources.PROCESS_DEFINITION, "PROCDEF.KEY_", Permissions.READ_TASK).build());
    return tasks;
  }
}
