package com.zhidu.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;

/**
 * The baseline: Camunda's engine as it comes — no Zhidu listeners, no form validation, no authorization,
 * no audit chain, a no-op delegate — with history FULL on its own PostgreSQL database and the same
 * connection pool size as Zhidu's (Hikari, 10).
 */
final class BareEngine implements AutoCloseable {

  private final HikariDataSource dataSource;
  final ProcessEngine engine;

  BareEngine(String database) {
    Databases.recreate(database);
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(Databases.url(database));
    pool.setUsername("postgres");
    pool.setMaximumPoolSize(10);
    dataSource = new HikariDataSource(pool);
    StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
    configuration.setProcessEngineName("bare");
    configuration.setDataSource(SqlCounter.counting(dataSource));
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
    configuration.setJobExecutorActivate(true);
    configuration.setBeans(Map.of(ApprovalShape.STEP_BEAN, (JavaDelegate) execution -> {}));
    engine = configuration.buildProcessEngine();
    try {
      deploy();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private void deploy() {
    engine.getRepositoryService().createDeployment().name("bench")
        .addModelInstance("bench/bench-approval.bpmn", ApprovalShape.model())
        .addInputStream("bench/bench-approval-review.form", ApprovalShape.form())
        .deploy();
  }

  @Override
  public void close() {
    engine.close();
    dataSource.close();
  }
}
