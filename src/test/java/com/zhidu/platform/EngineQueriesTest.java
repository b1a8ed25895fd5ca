package com.zhidu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.Test;

/**
 * The mapper's copy of the engine's task criteria fragment differs from the engine's only where it says so (an engine
 * upgrade that changes the fragment fails here, so the copy is brought up to date before it answers differently), and
 * the copy is used only for the query shapes where its set of candidate task ids answers what the engine's join
 * answers. That the answers are the same on PostgreSQL: TaskQueryAuthorizationIT.
 */
class EngineQueriesTest {

  static final String ENGINE_MAPPER = "org/camunda/bpm/engine/impl/mapping/entity/Task.xml";

  @Test
  void theCopyIsTheEnginesFragmentButForTheCandidateTaskIds() throws IOException {
    String engine = normalised(sql(read(ENGINE_MAPPER), "selectTaskByQueryCriteriaSql"));
    String copy = normalised(sql(read(EngineQueries.MAPPER), "selectTaskByQueryCriteriaSqlWithCandidateTaskIds"));
    String join = "<if test=\"I_JOIN\"> left join ${prefix}ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_ </if>";
    String type = "and I.TYPE_ = 'candidate'";
    String last = "<if test=\"query.withCandidateUsers\"> and I.USER_ID_ is not null </if> </trim>";
    assertThat(engine).contains(join, type, last);
    String expected = normalised(once(once(once(engine, join, ""), type,
        "and RES.ID_ = any(array(select I.TASK_ID_ from ${prefix}ACT_RU_IDENTITYLINK I where I.TASK_ID_ is not null "
            + type),
        last, "<if test=\"query.withCandidateUsers\"> and I.USER_ID_ is not null </if> )) </trim>"));
    assertThat(copy).isEqualTo(expected);
  }

  @Test
  void theCopyServesOnlyCandidatesAskedInOneOrQuery() {
    assertThat(applies(new TaskQueryImpl().dueBefore(new java.util.Date()).or().taskAssignee("u")
        .taskCandidateGroupIn(List.of("g")).endOr())).as("即將到期/已逾期's shape").isTrue();
    assertThat(applies(new TaskQueryImpl().or().taskAssignee("u").taskCandidateUser("u").endOr())).isTrue();
    assertThat(applies(new TaskQueryImpl().or().taskAssignee("u").taskCandidateGroup("g").includeAssignedTasks()
        .endOr())).isTrue();
    assertThat(applies(new TaskQueryImpl().or().taskAssignee("u").taskCandidateGroupLike("g%").endOr())).isTrue();

    assertThat(applies(new TaskQueryImpl())).as("no candidates").isFalse();
    assertThat(applies(new TaskQueryImpl().or().taskAssignee("u").taskName("n").endOr())).as("none in the or-query")
        .isFalse();
    assertThat(applies(new TaskQueryImpl().withCandidateGroups().or().taskAssignee("u").taskName("n").endOr()))
        .as("with candidate groups, in the query itself (not allowed in an or-query)").isFalse();
    assertThat(applies(new TaskQueryImpl().taskCandidateGroupIn(List.of("g")).taskUnassigned()))
        .as("我的小組: in the query itself").isFalse();
    assertThat(applies(new TaskQueryImpl().taskCandidateGroup("g").or().taskAssignee("u")
        .taskCandidateGroup("h").endOr())).as("in the query and the or-query").isFalse();
    assertThat(applies(new TaskQueryImpl().or().taskAssignee("u").taskCandidateGroup("g").endOr()
        .or().taskName("n").taskCandidateUser("v").endOr())).as("in two or-queries").isFalse();
    assertThat(applies(new TaskQueryImpl().taskInvolvedUser("v").or().taskAssignee("u").taskCandidateGroup("g")
        .endOr())).as("involved user").isFalse();
    assertThat(applies(new TaskQueryImpl().or().taskInvolvedUser("v").taskCandidateGroup("g").endOr()))
        .as("involved user in the or-query").isFalse();
  }

  private static boolean applies(TaskQuery query) {
    return EngineQueries.candidatesAskedInOneOrQueryOnly(((TaskQueryImpl) query).getQueries());
  }

  private static String read(String resource) throws IOException {
    try (InputStream in = EngineQueriesTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The body of {@code <sql id="id">} (these fragments hold no nested sql elements). */
  private static String sql(String mapper, String id) {
    int start = mapper.indexOf("<sql id=\"" + id + "\">");
    assertThat(start).as(id).isNotNegative();
    return mapper.substring(mapper.indexOf('>', start) + 1, mapper.indexOf("</sql>", start));
  }

  /** Without comments (the copy's say where it differs) and with every run of white space one blank. */
  private static String normalised(String xml) {
    return xml.replaceAll("(?s)<!--.*?-->", " ").replaceAll("\\s+", " ").trim();
  }

  private static String once(String text, String old, String replacement) {
    assertThat(text.indexOf(old)).as(old).isNotNegative().isEqualTo(text.lastIndexOf(old));
    return text.replace(old, replacement);
  }
}
