package com.zhidu.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.springframework.stereotype.Component;

/**
 * Every command that checks authorizations first asks which groups have any authorization at all
 * ({@code selectAuthorizedGroupIds}: {@code select distinct GROUP_ID_ from ACT_RU_AUTHORIZATION}), which reads the
 * whole table. With historic-instance permissions on, that table grows by several rows per case: at 100,000 cases it
 * took 200 ms per command (docs/performance.md, "Data volume"; Camunda issue #5485). On PostgreSQL this plugin maps the
 * statement to one that returns the same set through the group index, one probe per distinct group.
 */
@Component
public class AuthorizedGroupIdsQuery extends AbstractProcessEnginePlugin {

  static final String ENGINE_STATEMENT = "selectAuthorizedGroupIds";
  static final String STATEMENT = "selectAuthorizedGroupIds_zhidu";
  static final String MAPPER = "db/engine-queries/postgres-authorization.xml";

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (!"postgres".equals(configuration.getDatabaseType())) {
      return;
    }
    org.apache.ibatis.session.Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
    if (!mybatis.hasStatement(STATEMENT)) {
      try (InputStream mapper = AuthorizedGroupIdsQuery.class.getClassLoader().getResourceAsStream(MAPPER)) {
        new XMLMapperBuilder(mapper, mybatis, MAPPER, mybatis.getSqlFragments()).parse();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    DbSqlSessionFactory sessions = configuration.getDbSqlSessionFactory();
    // A copy: the engine shares one mapping per database type between all engines of the JVM.
    Map<String, String> mappings = sessions.getStatementMappings() == null ? new HashMap<>()
        : new HashMap<>(sessions.getStatementMappings());
    mappings.put(ENGINE_STATEMENT, STATEMENT);
    sessions.setStatementMappings(mappings);
  }
}
