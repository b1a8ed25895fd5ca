package com.zhidu.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.apache.ibatis.executor.statement.StatementHandler;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.reflection.SystemMetaObject;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.postgresql.PGStatement;

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
@Intercepts(@Signature(type = StatementHandler.class, method = "prepare", args = {Connection.class, Integer.class}))
final class PlannedWithTheirValues implements Interceptor {

  private final Set<String> statementIds;

  PlannedWithTheirValues(Set<String> statementIds) {
    this.statementIds = statementIds;
  }

  @Override
  public Object intercept(Invocation invocation) throws Throwable {
    Statement statement = (Statement) invocation.proceed();
    // The cheap test first: this runs for every statement of the engine.
    if (asksVariableValues(((StatementHandler) invocation.getTarget()).getBoundSql().getParameterObject())
        && statementIds.contains(((MappedStatement) SystemMetaObject.forObject(invocation.getTarget())
            .getValue("delegate.mappedStatement")).getId())) {
      unprepared(statement);
    }
    return statement;
  }

  static boolean asksVariableValues(Object parameter) {
    return parameter instanceof TaskQueryImpl query
        && query.getQueries().stream().anyMatch(q -> !q.getVariables().isEmpty());
  }

  private static void unprepared(Statement statement) throws SQLException {
    if (statement.isWrapperFor(PGStatement.class)) {
      statement.unwrap(PGStatement.class).setPrepareThreshold(0);
    }
  }
}
