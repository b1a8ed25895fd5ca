package com.zhidu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.ZhiduIT;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The engine tuning that only PostgreSQL gets (docs/performance.md): the rewritten authorized-groups statement
 * answers exactly what the engine's own one does, every {@code <foreach>} is the compiled one (SqlNodesCompiledOnce),
 * and the engine indexes exist after start-up.
 */
@ZhiduIT
class EngineTuningIT {

  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;

  @Test
  void theAuthorizedGroupsStatementIsMappedAndAnswersAsTheEnginesOwn() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getDbSqlSessionFactory().getStatementMappings())
        .containsEntry("selectAuthorizedGroupIds", "selectAuthorizedGroupIds_zhidu");

    Command<List<?>> engineQuery = context -> context.getDbEntityManager()
        .selectList("selectAuthorizedGroupIds");
    List<Object> answered = List.copyOf(configuration.getCommandExecutorTxRequired().execute(engineQuery));

    List<String> everyGroupWithAGrant = jdbc.queryForList(
        "select distinct group_id_ from act_ru_authorization where group_id_ is not null", String.class);
    assertThat(everyGroupWithAGrant).contains("sales", "deptManager", "auditor");
    assertThat(answered).containsExactlyInAnyOrderElementsOf(List.copyOf(everyGroupWithAGrant));
  }

  @Test
  void everyForeachOfTheEngineAndOfZhidusMapperIsCompiledOnce() {
    org.apache.ibatis.session.Configuration mybatis = ((ProcessEngineConfigurationImpl) engine
        .getProcessEngineConfiguration()).getSqlSessionFactory().getConfiguration();
    assertThat(mybatis.getMappedStatement(EngineQueries.NAMESPACE + ".selectTaskByQueryCriteria"
        + EngineQueries.SUFFIX)).as("Zhidu's mapper is parsed").isNotNull();
    assertThat(SqlNodesCompiledOnce.replaceIn(mybatis)).as("<foreach> nodes left after start-up").isZero();
  }

  @Test
  void theEngineIndexesExistAfterStartUp() {
    List<String> indexes = jdbc.queryForList("select indexname from pg_indexes where indexname like 'zhidu\\_%'",
        String.class);
    assertThat(indexes).contains("zhidu_auth_user", "zhidu_ru_var_case_starter", "zhidu_ru_task_due",
        "zhidu_hi_procinst_start_user");
  }
}
