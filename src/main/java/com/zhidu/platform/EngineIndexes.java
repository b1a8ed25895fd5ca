package com.zhidu.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Indexes on the engine's own tables that Zhidu's queries need at volume (docs/performance.md, "Data volume"),
 * from {@code db/engine-indexes/<database type>.sql}. Not Flyway migrations: Flyway may run before the engine has
 * created its tables. Applied once the engine has built (and so created or updated) its schema; every statement is
 * {@code create index if not exists}, so each start and each node of a cluster may run them. On PostgreSQL a
 * large existing table is locked for writes while its index is built: create it {@code concurrently} by hand
 * before upgrading a big installation (docs/performance.md, "Data volume").
 */
@Component
public class EngineIndexes extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(EngineIndexes.class);

  private ProcessEngineConfigurationImpl configuration;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    String script = script("db/engine-indexes/" + configuration.getDatabaseType() + ".sql");
    if (script == null) {
      return;
    }
    try (Connection connection = configuration.getDataSource().getConnection();
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(true);
      for (String sql : script.replaceAll("(?m)--.*$", "").split(";")) {
        if (!sql.isBlank()) {
          try {
            statement.execute(sql.trim());
          } catch (SQLException e) {
            // Two nodes starting at once may both try; the index exists afterwards either way.
            LOG.warn("Engine index not created ({}): {}", sql.trim(), e.getMessage());
          }
        }
      }
    } catch (SQLException e) {
      LOG.warn("Engine indexes not applied: {}", e.getMessage());
    }
  }

  private static String script(String resource) {
    try (InputStream in = EngineIndexes.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
