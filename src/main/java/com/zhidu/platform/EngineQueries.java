package com.zhidu.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.springframework.stereotype.Component;

/**
 * Engine statements Zhidu replaces on PostgreSQL, because at volume the engine's own ones read far more than they
 * return (docs/performance.md, "Data volume"). Each {@code <select id="X_zhidu">} of the mapper {@link #MAPPER}
 * answers exactly what the engine's statement {@code X} answers; this plugin parses the mapper into the engine's
 * MyBatis configuration and maps {@code X} to it ({@code DbSqlSessionFactory.setStatementMappings}). Other databases
 * (H2, the embedded default) keep the engine's statements.
 */
@Component
public class EngineQueries extends AbstractProcessEnginePlugin {

  static final String MAPPER = "db/engine-queries/postgres.xml";
  static final String NAMESPACE = "com.zhidu.platform.engineQueries";
  static final String SUFFIX = "_zhidu";
  /** Task list and count: with a variable condition what they read depends on its value (PlannedWithTheirValues). */
  static final Set<String> PLANNED_WITH_THEIR_VALUES = Set.of(NAMESPACE + ".selectTaskByQueryCriteria" + SUFFIX,
      NAMESPACE + ".selectTaskCountByQueryCriteria" + SUFFIX);

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (!"postgres".equals(configuration.getDatabaseType())) {
      return;
    }
    org.apache.ibatis.session.Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
    if (!mybatis.isResourceLoaded(MAPPER)) {
      try (InputStream mapper = EngineQueries.class.getClassLoader().getResourceAsStream(MAPPER)) {
        new XMLMapperBuilder(mapper, mybatis, MAPPER, mybatis.getSqlFragments()).parse();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      SqlNodesCompiledOnce.replaceIn(mybatis); // whichever of the two plugins runs first
    }
    DbSqlSessionFactory sessions = configuration.getDbSqlSessionFactory();
    // A copy: the engine shares one mapping per database type between all engines of the JVM.
    Map<String, String> mappings = sessions.getStatementMappings() == null ? new HashMap<>()
        : new HashMap<>(sessions.getStatementMappings());
    mappings.putAll(replacements(mybatis));
    sessions.setStatementMappings(mappings);
    if (mybatis.getInterceptors().stream().noneMatch(PlannedWithTheirValues.class::isInstance)) {
      mybatis.addInterceptor(new PlannedWithTheirValues(PLANNED_WITH_THEIR_VALUES));
    }
  }

  /**
   * Whether the task query's candidate conditions can be asked of the identity links once, as a set of task ids,
   * instead of the engine's join (the mapper's {@code selectTaskByQueryCriteriaSqlWithCandidateTaskIds}): they are
   * all in one or-query (the query and its or-queries: {@code queries}, the query itself first) and nothing asks for
   * an involved user. Then no other condition reads the joined link row, so "the task or one of its links satisfies
   * the or-query" is the same question either way. Read with the getters the engine's fragment reads.
   */
  public static boolean candidatesAskedInOneOrQueryOnly(List<TaskQueryImpl> queries) {
    int asking = 0;
    for (int i = 0; i < queries.size(); i++) {
      TaskQueryImpl query = queries.get(i);
      if (query.getInvolvedUser() != null) {
        return false;
      }
      if (query.getCandidateUser() != null || query.getCandidateGroups() != null
          || query.getCandidateGroupLike() != null || Boolean.TRUE.equals(query.isWithCandidateGroups())
          || Boolean.TRUE.equals(query.isWithCandidateUsers())) {
        if (i == 0) {
          return false; // the query itself asks: the engine's join, which PostgreSQL drives from the group index
        }
        asking++;
      }
    }
    return asking == 1;
  }

  /** Engine statement → its replacement, for every {@code X_zhidu} statement of the mapper. */
  static Map<String, String> replacements(org.apache.ibatis.session.Configuration mybatis) {
    Map<String, String> replacements = new HashMap<>();
    for (String name : mybatis.getMappedStatementNames()) { // full names (namespace.id) and short ones
      if (name.startsWith(NAMESPACE + ".") && name.endsWith(SUFFIX)) {
        String id = name.substring(NAMESPACE.length() + 1);
        replacements.put(id.substring(0, id.length() - SUFFIX.length()), id);
      }
    }
    return replacements;
  }
}
