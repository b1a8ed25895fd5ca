package com.zhidu.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.ibatis.scripting.xmltags.DynamicContext;
import org.apache.ibatis.scripting.xmltags.OgnlCache;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.junit.jupiter.api.Test;

/**
 * {@link CompiledExpression} answers what OGNL answers: every expression below is evaluated both ways on bindings built as
 * MyBatis builds them, covering each operator, each kind of property (MyBatis's bindings and their fallback to the
 * parameter, maps, lists, sets, arrays, getters, a method named as the property), OGNL's quirks (a one-character
 * literal is a Character, {@code a.b} of a null {@code a} is null) and the cases handed back to OGNL (a field without
 * getter, a getter that throws). The rest of the suite runs with {@code zhidu.compiledExpressions.verify}, which compares
 * every evaluation of every statement the same way.
 */
class CompiledExpressionTest {

  /** A parameter object with getters of every kind, a field without getter and a getter that fails. */
  public static class Parameter {
    public String name = "甲";
    public String fieldOnly = "field";
    private final List<String> ids;
    private final String[] keys;
    private final Parameter inner;

    Parameter(List<String> ids, String[] keys, Parameter inner) {
      this.ids = ids;
      this.keys = keys;
      this.inner = inner;
    }

    public String getName() {
      return name;
    }

    public List<String> getIds() {
      return ids;
    }

    public String[] getKeys() {
      return keys;
    }

    public Parameter getInner() {
      return inner;
    }

    public boolean isActive() {
      return true;
    }

    public boolean isTenantIdSet() {
      return false;
    }

    public Set<String> getGroups() {
      return new TreeSet<>(Set.of("sales", "crm"));
    }

    public Map<String, Object> getOptions() {
      Map<String, Object> options = new HashMap<>();
      options.put("size", "a key named size");
      options.put("limit", 1000);
      return options;
    }

    public long getCount() {
      return 3L;
    }

    public String getBroken() {
      throw new IllegalStateException("broken getter");
    }
  }

  private static final List<String> EXPRESSIONS = List.of(
      "name != null", "name == null", "name == '甲'", "name.equals('甲')", "name.equals('*')",
      "!name.equals('*')", "name.contains('甲')", "name.isEmpty()", "ids != null && ids.size > 0",
      "ids.size == 2", "ids.isEmpty", "ids.empty", "ids.isEmpty()", "keys != null and keys.length > 1",
      "keys.length gt 1", "keys.length lt 1", "keys.length >= 2", "keys.length <= 1", "inner.name != null",
      "inner.inner.name", "inner.inner != null && inner.inner.name != null", "active", "isTenantIdSet",
      "!isTenantIdSet", "groups.size > 1", "groups.isEmpty", "options.size", "options.limit > 999",
      "options.isEmpty", "options.missing == null", "count == 3", "count > 2", "count",
      "i == 0", "(i + 1) % 1000 == 0", "i != 0 && (i+1)%1000 == 0 && (i+1) < size", "index == size -1",
      "-i < 0", "flag", "flag == true", "flag || name == null", "missing", "missing != null || flag",
      "_parameter != null", "letter == 'x'", "text == 'LIST_PAGE'", "text == 'LIST'", "zero", "empty",
      "fromMap", "fromMap.length", "fieldOnly != null", "inner.fieldOnly", "name != null and broken != null");

  @Test
  void answersWhatOgnlAnswersOnBindingsAsMyBatisBuildsThem() {
    Configuration mybatis = new Configuration();
    Parameter parameter = new Parameter(List.of("a", "b"), new String[] {"k1", "k2"},
        new Parameter(List.of(), new String[0], null));
    DynamicContext context = new DynamicContext(mybatis, parameter);
    context.bind("i", 999);
    context.bind("size", 1001);
    context.bind("index", 1000L);
    context.bind("flag", Boolean.FALSE);
    context.bind("letter", 'x');
    context.bind("text", "LIST_PAGE");
    context.bind("zero", 0);
    context.bind("empty", "");
    Map<String, Object> bindings = context.getBindings();

    Map<String, Object> mapParameter = new HashMap<>();
    mapParameter.put("fromMap", new int[] {1, 2, 3});
    Map<String, Object> mapBindings = new DynamicContext(mybatis, mapParameter).getBindings();

    int compiled = 0;
    for (String expression : EXPRESSIONS) {
      CompiledExpression test = CompiledExpression.compile(expression);
      assertThat(test).as(expression).isNotNull();
      compiled++;
      for (Map<String, Object> each : List.of(bindings, mapBindings)) {
        Object byOgnl;
        try {
          byOgnl = OgnlCache.getValue(expression, each);
        } catch (RuntimeException e) {
          Throwable failed = catchThrowable(() -> test.value(each));
          assertThat(failed).as(expression).isInstanceOf(e.getClass()).hasMessage(e.getMessage());
          continue;
        }
        assertThat(test.value(each)).as(expression).isEqualTo(byOgnl);
        assertThat(test.isTrue(each)).as(expression)
            .isEqualTo(new org.apache.ibatis.scripting.xmltags.ExpressionEvaluator().evaluateBoolean(expression, each));
      }
    }
    assertThat(compiled).isEqualTo(EXPRESSIONS.size());
    assertThat(CompiledExpression.compile("name.equals('*')").value(bindings))
        .as("'*' is a Character in OGNL, so a String never equals it").isEqualTo(false);
    assertThat(CompiledExpression.compile("inner.inner.name").value(bindings)).as("a property of null is null").isNull();
  }

  @Test
  void leavesToMyBatisWhatItDoesNotCompile() {
    assertThat(CompiledExpression.compile("test=parameter.finishedAt != null")).as("an assignment (a typo in a mapping)")
        .isNull();
    assertThat(CompiledExpression.compile("ids[0] != null")).as("an index").isNull();
    assertThat(CompiledExpression.compile("name.substring(1) != null")).as("another method").isNull();
    assertThat(CompiledExpression.compile("name !=")).as("not an expression").isNull();
  }

  @Test
  void theEnginesTestsCompileAndAnswerAsOgnlOnATaskQuery() throws Exception {
    Set<String> expressions = engineTestExpressions();
    List<String> notCompiled = new ArrayList<>();
    for (String expression : expressions) {
      if (CompiledExpression.compile(expression) == null) {
        notCompiled.add(expression);
      }
    }
    assertThat(expressions).hasSizeGreaterThan(500);
    assertThat(notCompiled).as("only the mappings' typos ('test=' inside the test)")
        .allMatch(expression -> expression.startsWith("test="));

    // The task query's own tests, on a query with several criteria and on an empty one.
    Configuration mybatis = new Configuration();
    TaskQueryImpl query = new TaskQueryImpl();
    query.taskCandidateGroupIn(List.of("sales", "crm")).taskNameLike("%合約%").orderByTaskCreateTime().desc();
    for (TaskQueryImpl each : List.of(query, new TaskQueryImpl())) {
      DynamicContext context = new DynamicContext(mybatis, each);
      context.bind("query", each);
      int evaluated = 0;
      for (String expression : expressions) {
        CompiledExpression test = CompiledExpression.compile(expression);
        if (test == null || !expression.startsWith("query.")) {
          continue;
        }
        Object byOgnl;
        try {
          byOgnl = OgnlCache.getValue(expression, context.getBindings());
        } catch (RuntimeException e) {
          continue; // a test of another query's property
        }
        assertThat(test.value(context.getBindings())).as(expression).isEqualTo(byOgnl);
        evaluated++;
      }
      assertThat(evaluated).isGreaterThan(50);
    }
  }

  /** Every {@code <if test>} and {@code <when test>} of the engine's mappings. */
  private static Set<String> engineTestExpressions() throws Exception {
    Set<String> expressions = new LinkedHashSet<>();
    Pattern test = Pattern.compile("<(?:if|when)\\s+test\\s*=\\s*\"([^\"]*)\"");
    try (InputStream jar = TaskQueryImpl.class.getProtectionDomain().getCodeSource().getLocation().openStream();
        ZipInputStream zip = new ZipInputStream(jar)) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        if (entry.getName().startsWith("org/camunda/bpm/engine/impl/mapping/") && entry.getName().endsWith(".xml")) {
          Matcher found = test.matcher(new String(zip.readAllBytes(), StandardCharsets.UTF_8));
          while (found.find()) {
            expressions.add(found.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").trim());
          }
        }
      }
    }
    return expressions;
  }
}
