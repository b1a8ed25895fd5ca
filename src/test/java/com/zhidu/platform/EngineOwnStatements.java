package com.zhidu.platform;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;

/** For the tests that compare a statement EngineQueries replaces with the engine's own one. */
final class EngineOwnStatements {

  /** Runs the action with the engine's own statements for these ids (their replacements unmapped meanwhile). */
  static <T> T run(ProcessEngine engine, Collection<String> statements, Supplier<T> action) {
    DbSqlSessionFactory sessions = sessions(engine);
    Map<String, String> mapped = sessions.getStatementMappings();
    Map<String, String> engineOnly = new HashMap<>(mapped);
    statements.forEach(engineOnly::remove);
    sessions.setStatementMappings(engineOnly);
    try {
      return action.get();
    } finally {
      sessions.setStatementMappings(mapped);
    }
  }

  static DbSqlSessionFactory sessions(ProcessEngine engine) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDbSqlSessionFactory();
  }

  private EngineOwnStatements() {}
}
