package com.zhidu.platform;

import java.sql.Connection;
import java.util.Set;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Plugin;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.postgresql.PGConnection;

/**
 * Sends the task list and count of task queries that ask for variable values to PostgreSQL unprepared, so that each
 * call is planned with its own values. The PostgreSQL driver turns a statement it has run five times on a connection
 * into a server-side prepared statement, and PostgreSQL may then run it with a generic plan, planned without the
 * values. For a variable condition that plan cannot use what makes it fast at volume: 我發起的 asks {@code NAME_ = $1}
 * of the task variables, which the partial index {@code where name_ = 'caseStarter'} serves only when the planner sees
 * the name; the generic plan reads all of {@code ACT_RU_VARIABLE} instead (75–90 ms against 11–22 ms per call,
 * docs/performance.md). Other task queries stay prepared: their generic plans are as good or better (我的小組's list
 * 7–10 ms generic, 16–20 ms planned per call), and planning costs ~1–3 ms per call.
 */
@Intercepts(@Signature(type = Executor.class, method = "query",
    args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}))
final class PlannedWithTheirValues implements Interceptor {

  private final Set<String> statementIds;

  PlannedWithTheirValues(Set<String> statementIds) {
    this.statementIds = statementIds;
  }

  /**
   * Runs the query with the connection's prepare threshold at 0, so that the statements it creates are never
   * server-prepared. On the executor rather than on each statement: MyBatis wraps every object a plugin intercepts in
   * a proxy, and an executor is made once per engine command, a statement handler once per statement (~2 % of the
   * JVM's CPU per case when this plugin intercepted statements).
   */
  @Override
  public Object intercept(Invocation invocation) throws Throwable {
    Object[] args = invocation.getArgs();
    if (!asksVariableValues(args[1]) || !statementIds.contains(((MappedStatement) args[0]).getId())) {
      return invocation.proceed();
    }
    Connection connection = ((Executor) invocation.getTarget()).getTransaction().getConnection();
    if (!connection.isWrapperFor(PGConnection.class)) {
      return invocation.proceed();
    }
    PGConnection postgres = connection.unwrap(PGConnection.class);
    int threshold = postgres.getPrepareThreshold();
    postgres.setPrepareThreshold(0);
    try {
      return invocation.proceed();
    } finally {
      postgres.setPrepareThreshold(threshold);
    }
  }

  /**
   * Wraps executors only. MyBatis offers every parameter, result set and statement handler of every statement to each
   * plugin, and the default {@code Plugin.wrap} reads this class's annotation by reflection each time only to find
   * there is nothing to wrap (~2 % of the JVM's CPU per case, docs/performance.md "Fifth round").
   */
  @Override
  public Object plugin(Object target) {
    return target instanceof Executor ? Plugin.wrap(target, this) : target;
  }

  static boolean asksVariableValues(Object parameter) {
    return parameter instanceof TaskQueryImpl query
        && query.getQueries().stream().anyMatch(q -> !q.getVariables().isEmpty());
  }
}
