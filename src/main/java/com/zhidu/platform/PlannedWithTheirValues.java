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
import org.postgresql.PGStatement;

/**
 * Sends the named statements to PostgreSQL unprepared, so that each call is planned with its own values. The
 * PostgreSQL driver turns a statement it has run five times on a connection into a server-side prepared statement,
 * and PostgreSQL may then run it with a generic plan, planned without the values. For the Tasklist filters that plan
 * cannot use what makes them fast at volume: 我發起的 asks {@code NAME_ = $1} of the task variables, which the partial
 * index {@code where name_ = 'caseStarter'} serves only when the planner sees the name; the generic plan reads all of
 * {@code ACT_RU_VARIABLE} instead (75–90 ms against 11–22 ms per call, docs/performance.md). Planning each call costs
 * ~1–3 ms; the other statements stay prepared.
 */
@Intercepts(@Signature(type = StatementHandler.class, method = "prepare", args = {Connection.class, Integer.class}))
final class PlannedWithTheirValues implements Interceptor {

  private final Set<String> statementIds;

  PlannedWithTheirValues(Set<String> statementIds) {
    this.statementIds = statementIds;
  }

  Set<String> statementIds() {
    return statementIds;
  }

  @Override
  public Object intercept(Invocation invocation) throws Throwable {
    Statement statement = (Statement) invocation.proceed();
    MappedStatement mapped = (MappedStatement) SystemMetaObject.forObject(invocation.getTarget())
        .getValue("delegate.mappedStatement");
    if (statementIds.contains(mapped.getId())) {
      unprepared(statement);
    }
    return statement;
  }

  private static void unprepared(Statement statement) throws SQLException {
    if (statement.isWrapperFor(PGStatement.class)) {
      statement.unwrap(PGStatement.class).setPrepareThreshold(0);
    }
  }
}
