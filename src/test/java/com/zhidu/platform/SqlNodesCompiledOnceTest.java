package com.zhidu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.scripting.xmltags.DynamicSqlSource;
import org.apache.ibatis.scripting.xmltags.ForEachSqlNode;
import org.apache.ibatis.scripting.xmltags.IfSqlNode;
import org.apache.ibatis.scripting.xmltags.VarDeclSqlNode;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheckBuilder;
import org.junit.jupiter.api.Test;

/**
 * {@link SqlNodesCompiledOnce} replaces every {@code <foreach>} node (and every {@code <if>}/{@code <when>} whose
 * test compiles) of the engine's statements, and the replacement
 * writes the same SQL with the same parameters as MyBatis's own node: for the forms of {@code <foreach>} MyBatis
 * knows (a small mapper written for it) and for the engine's own authorization check and task query. The rest of
 * the suite runs every engine statement through the replacement.
 */
class SqlNodesCompiledOnceTest {

  private static final String MAPPER = """
      <?xml version="1.0" encoding="UTF-8"?>
      <!DOCTYPE mapper PUBLIC "-//mybatis.org//DTD Mapper 3.0//EN" "https://mybatis.org/dtd/mybatis-3-mapper.dtd">
      <mapper namespace="t">
        <select id="inList" resultType="string" parameterType="map">
          select * from t where id in
          <foreach collection="ids" item="id" open="(" separator="," close=")">#{id}</foreach>
        </select>
        <select id="itemAndIndex" resultType="string" parameterType="map">
          select * from t where
          <foreach collection="people" item="p" index="i" separator=" or ">
            (pos = #{i} and name = #{ p.name } and kind = #{p.kind,jdbcType=VARCHAR} and pid = #{pid} and q = #{pq})
          </foreach>
        </select>
        <select id="nested" resultType="string" parameterType="map">
          select * from t where
          <foreach collection="checks" item="check" separator=" and ">
            (type = #{check.type} and (user_id = #{user}
            <foreach collection="groups" item="group" open=" or group_id in (" separator="," close=")">#{group}</foreach>))
          </foreach>
        </select>
        <select id="entries" resultType="string" parameterType="map">
          select * from t where
          <foreach collection="byName" index="key" item="value" separator=" and ">#{key} = #{value}</foreach>
        </select>
        <select id="someElementsWriteNothing" resultType="string" parameterType="map">
          <bind name="column" value="'name'"/>
          select * from t where
          <foreach collection="people" item="p" separator=" or "><if test="p.shown">${column} = #{p.name}</if></foreach>
        </select>
        <select id="nullable" resultType="string" parameterType="map">
          select * from t <foreach collection="missing" item="m" nullable="true" open="where ">#{m}</foreach>
        </select>
      </mapper>
      """;

  @Test
  void writesWhatMyBatisWritesForEveryFormOfForeach() {
    Configuration mybatis = parsed();
    Configuration compiled = parsed();
    assertThat(SqlNodesCompiledOnce.replaceIn(compiled)).as("seven <foreach>, one <if>, one <bind>").isEqualTo(9);
    assertThat(SqlNodesCompiledOnce.replaceIn(compiled)).as("a second pass finds none left").isZero();

    List<Map<String, Object>> people = List.of(person("甲", "a"), person("乙", "b"), person("丙", "a"));
    Map<String, Object> byName = new LinkedHashMap<>();
    byName.put("x", 1);
    byName.put("y", 2);
    Map<String, Object> parameter = new LinkedHashMap<>();
    parameter.put("ids", List.of("a", "b", "c"));
    parameter.put("people", people);
    parameter.put("pid", "not the item");
    parameter.put("pq", "nor this");
    parameter.put("checks", List.of(Map.of("type", 1), Map.of("type", 2)));
    parameter.put("user", "zhangwei");
    parameter.put("groups", List.of("sales", "crm", "managers"));
    parameter.put("byName", byName);
    parameter.put("missing", null);

    for (String id : List.of("inList", "itemAndIndex", "nested", "entries", "someElementsWriteNothing", "nullable")) {
      String expected = described(mybatis, id, parameter);
      assertThat(described(compiled, id, parameter)).as(id).isEqualTo(expected);
    }
    assertThat(described(compiled, "itemAndIndex", parameter))
        .contains("pid = ? and q = ?", "pid=not the item", "__frch_p_", "=甲");
    parameter.put("people", people.subList(1, 3));
    assertThat(described(compiled, "someElementsWriteNothing", parameter))
        .as("no separator before the first element that writes something")
        .isEqualTo(described(mybatis, "someElementsWriteNothing", parameter)).contains("where name = ?");
    parameter.put("ids", List.of());
    assertThat(described(compiled, "inList", parameter)).isEqualTo(described(mybatis, "inList", parameter));
  }

  @Test
  void theEnginesStatementsKeepTheirSqlAndParameters() {
    ProcessEngine engine = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
        .setJdbcUrl("jdbc:h2:mem:foreach-" + UUID.randomUUID()).setJobExecutorActivate(false)
        .buildProcessEngine();
    try {
      ProcessEngineConfigurationImpl configuration =
          (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
      Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
      // Inside a command: the permission checks and the query's candidate conditions ask the command context.
      configuration.getCommandExecutorTxRequired().execute(context -> {
        AuthorizationCheck authorization = new AuthorizationCheck("zhangwei", List.of("sales", "crm", "managers"),
            new PermissionCheckBuilder().disjunctive()
                .atomicCheckForResourceId(Resources.TASK, "task-1", Permissions.UPDATE)
                .atomicCheckForResourceId(Resources.PROCESS_DEFINITION, "approval", Permissions.UPDATE_TASK)
                .build(), true);
        TaskQueryImpl tasks = new TaskQueryImpl();
        tasks.taskCandidateGroupIn(List.of("sales", "crm")).or().taskAssignee("zhangwei")
            .taskCandidateGroupIn(List.of("managers")).endOr().orderByTaskCreateTime().desc();
        AuthorizationCheck taskRead = tasks.getAuthCheck();
        taskRead.setAuthorizationCheckEnabled(true);
        taskRead.setAuthUserId("zhangwei");
        taskRead.setAuthGroupIds(List.of("sales", "crm", "managers"));
        taskRead.setPermissionChecks(new PermissionCheckBuilder().disjunctive()
            .atomicCheck(Resources.TASK, "RES.ID_", Permissions.READ)
            .atomicCheck(Resources.PROCESS_DEFINITION, "PROCDEF.KEY_", Permissions.READ_TASK).build());

        String authorized = described(mybatis, "isUserAuthorizedForResource", authorization);
        String taskList = described(mybatis, "selectTaskByQueryCriteria", tasks);
        int replaced = SqlNodesCompiledOnce.replaceIn(mybatis);

        assertThat(replaced).as("<foreach>, <if> and <when> nodes in the engine's statements").isGreaterThan(1000);
        assertThat(nodesLeft(mybatis)).isEmpty();
        assertThat(described(mybatis, "isUserAuthorizedForResource", authorization)).isEqualTo(authorized)
            .contains("zhangwei", "managers", "task-1");
        assertThat(described(mybatis, "selectTaskByQueryCriteria", tasks)).isEqualTo(taskList).contains("crm");
        return null;
      });
    } finally {
      engine.close();
    }
  }

  private static Map<String, Object> person(String name, String kind) {
    return Map.of("name", name, "kind", kind, "shown", "a".equals(kind));
  }

  private static Configuration parsed() {
    Configuration mybatis = new Configuration();
    new XMLMapperBuilder(new ByteArrayInputStream(MAPPER.getBytes(StandardCharsets.UTF_8)), mybatis, "test-mapper",
        mybatis.getSqlFragments()).parse();
    return mybatis;
  }

  /** The statement's SQL and each parameter as name=value, in order. */
  private static String described(Configuration mybatis, String statement, Object parameter) {
    BoundSql bound = mybatis.getMappedStatement(statement).getBoundSql(parameter);
    StringBuilder text = new StringBuilder(bound.getSql().replaceAll("\\s+", " ").trim());
    for (ParameterMapping mapping : bound.getParameterMappings()) {
      String name = mapping.getProperty();
      Object value = bound.hasAdditionalParameter(name) ? bound.getAdditionalParameter(name)
          : mybatis.newMetaObject(parameter).getValue(name);
      text.append(" | ").append(name).append('=').append(value);
    }
    return text.toString();
  }

  /** The ids of statements that still hold one of MyBatis's own foreach nodes, or an if or bind that compiles. */
  private static List<String> nodesLeft(Configuration mybatis) {
    List<String> left = new ArrayList<>();
    for (Object statement : (Collection<?>) mybatis.getMappedStatements()) {
      if (statement instanceof MappedStatement mapped && mapped.getSqlSource() instanceof DynamicSqlSource source
          && holdsForeach(source, new java.util.IdentityHashMap<>())) {
        left.add(mapped.getId());
      }
    }
    return left;
  }

  private static boolean holdsForeach(Object node, Map<Object, Boolean> seen) {
    if (node == null || seen.put(node, true) != null) {
      return false;
    }
    if (node instanceof ForEachSqlNode) {
      return true;
    }
    if (node instanceof IfSqlNode || node instanceof VarDeclSqlNode) {
      try {
        java.lang.reflect.Field expression = node.getClass()
            .getDeclaredField(node instanceof IfSqlNode ? "test" : "expression");
        expression.setAccessible(true);
        if (CompiledExpression.compile((String) expression.get(node)) != null) {
          return true;
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    for (Class<?> type = node.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
      for (java.lang.reflect.Field field : type.getDeclaredFields()) {
        if (java.lang.reflect.Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()
            || !field.getDeclaringClass().getName().startsWith("org.apache.ibatis.scripting")
            && !field.getDeclaringClass().getName().startsWith("com.zhidu")) {
          continue;
        }
        try {
          field.setAccessible(true);
          Object value = field.get(node);
          if (value instanceof List<?> list ? list.stream().anyMatch(element -> holdsForeach(element, seen))
              : value instanceof org.apache.ibatis.scripting.xmltags.SqlNode && holdsForeach(value, seen)) {
            return true;
          }
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return false;
  }
}
