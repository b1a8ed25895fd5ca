package com.zhidu.platform.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.zhidu.platform.ModelChecks;
import com.zhidu.platform.ModelChecks.BeanPolicy;
import com.zhidu.platform.ModelChecks.Problem;
import com.zhidu.platform.ModelChecks.Rule;
import com.zhidu.platform.ModelChecks.Source;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The deploy-time rules ModelChecks adds for expressions, four-eyes declarations and decisions, without the
 * application: which identifiers count as beans is given by the policy.
 */
class ExpressionRulesTest {

  /** Beans in this imagined context: two, of which processes may call one. */
  static final BeanPolicy POLICY = new BeanPolicy(Set.of("reportRepository", "jdbcTemplate", "execution")::contains,
      Set.of("reportRepository"));

  @Test
  void allowedBeansVariablesBuiltInsAndFunctionsPass() {
    List<Problem> problems = check(task("ok", "camunda:expression=\"${reportRepository.authorOf(reportId)}\""
        + " camunda:candidateUsers=\"${reviewer}, ${currentUser()}\""
        + " camunda:dueDate=\"${execution.getVariable('due')}\""));
    assertThat(problems).as(ModelChecks.describe(problems)).isEmpty();
  }

  @Test
  void aBeanOffTheListIsRefusedWhereverTheExpressionIs() {
    List<Problem> problems = check(task("call", "camunda:expression=\"${jdbcTemplate.execute('x')}\"")
        + task("listener", "", "<camunda:executionListener event=\"start\" expression=\"${jdbcTemplate.update('x')}\"/>")
        + task("input", "", "<camunda:inputOutput><camunda:inputParameter name=\"a\">${jdbcTemplate}"
            + "</camunda:inputParameter></camunda:inputOutput>"));
    assertThat(problems).extracting(Problem::rule, Problem::elementId).containsExactlyInAnyOrder(
        tuple(Rule.BEAN, "call"), tuple(Rule.BEAN, "listener"), tuple(Rule.BEAN, "input"));
  }

  @Test
  void withoutAPolicyTheBeanRuleIsSkippedButReflectionIsStillRefused() {
    List<Problem> problems = ModelChecks.check(List.of(bpmn(
        task("call", "camunda:expression=\"${jdbcTemplate.execute('x')}\"")
            + task("reflect", "camunda:expression=\"${''.getClass().forName('java.lang.Runtime')}\"")
            + task("engine", "camunda:expression=\"${execution.processEngineServices.runtimeService}\""))),
        Set.of(), null);
    assertThat(problems).extracting(Problem::rule, Problem::elementId).containsExactlyInAnyOrder(
        tuple(Rule.EXPRESSION, "reflect"), tuple(Rule.EXPRESSION, "engine"));
  }

  @Test
  void proseIsNotAnExpressionButBrokenSyntaxIs() {
    List<Problem> problems = check(
        "<bpmn:textAnnotation id=\"note\"><bpmn:text>${jdbcTemplate} is not called</bpmn:text></bpmn:textAnnotation>"
            + task("broken", "camunda:expression=\"${a +}\""));
    assertThat(problems).extracting(Problem::rule, Problem::elementId).containsExactly(tuple(Rule.EXPRESSION, "broken"));
  }

  @Test
  void fourEyesDeclarationsMustParseSitOnUserTasksAndNameTheirTasks() {
    String good = "<bpmn:userTask id=\"review\" camunda:formRef=\"f-a\" camunda:candidateGroups=\"legal\">"
        + "<bpmn:documentation>§1.3.3 審核</bpmn:documentation>"
        + "<bpmn:extensionElements>" + fourEyes("starter, task:review, input:author") + "</bpmn:extensionElements>"
        + "</bpmn:userTask>";
    String ghost = good.replace("id=\"review\"", "id=\"ghostRef\"").replace("task:review", "task:ghost");
    String bogus = good.replace("id=\"review\"", "id=\"bogus\"").replace("starter, task:review, input:author", "boss");
    String onService = task("service", "camunda:expression=\"${a}\"", fourEyes("starter"));
    List<Problem> problems = check(good + ghost + bogus + onService);
    assertThat(problems).as(ModelChecks.describe(problems)).extracting(Problem::rule, Problem::elementId).containsExactlyInAnyOrder(
        tuple(Rule.FOUR_EYES, "ghostRef"), tuple(Rule.FOUR_EYES, "bogus"), tuple(Rule.FOUR_EYES, "service"));
  }

  @Test
  void decisionsMayUseFeelOnly() {
    String dmn = """
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn"
                     id="d" name="d" namespace="x">
          <decision id="rating" camunda:historyTimeToLive="P30D">
            <decisionTable id="t">
              <input id="i"><inputExpression id="ie" typeRef="string" expressionLanguage="juel"><text>${jdbcTemplate}</text></inputExpression></input>
              <output id="o" name="r" typeRef="string"/>
            </decisionTable>
          </decision>
        </definitions>
        """;
    List<Problem> problems = ModelChecks.check(List.of(new Source("rating.dmn", "rating.dmn",
        dmn.getBytes(StandardCharsets.UTF_8))), Set.of(), POLICY);
    assertThat(problems).extracting(Problem::rule).containsExactlyInAnyOrder(Rule.EXPRESSION, Rule.BEAN);
  }

  @Test
  void aFormDeployedByFileNameNeedsNoFolderButTheRepositoryLayoutStillDoes() {
    byte[] form = Fixtures.form("x-a").getBytes(StandardCharsets.UTF_8);
    assertThat(ModelChecks.check(List.of(new Source("x-a.form", "x-a.form", form)))).isEmpty();
    assertThat(ModelChecks.check(List.of(new Source("forms/other/x-a.form", "forms/other/x-a.form", form))))
        .extracting(Problem::rule).containsExactly(Rule.FORM_ID);
  }

  @Test
  void aFormBoundToTheDeploymentMustComeWithIt() {
    String task = "<bpmn:userTask id=\"review\" camunda:formRef=\"x-a\" camunda:formRefBinding=\"%s\""
        + " camunda:candidateGroups=\"legal\"><bpmn:documentation>§1.3.3 審核</bpmn:documentation></bpmn:userTask>";
    // Deployed earlier: enough for binding "latest", not for "deployment", which looks in the same deployment.
    assertThat(ModelChecks.check(List.of(bpmn(task.formatted("latest"))), Set.of("x-a"), POLICY)).isEmpty();
    assertThat(ModelChecks.check(List.of(bpmn(task.formatted("deployment"))), Set.of("x-a"), POLICY))
        .extracting(Problem::rule, Problem::elementId).containsExactly(tuple(Rule.FORM_REF, "review"));
    assertThat(ModelChecks.check(List.of(bpmn(task.formatted("deployment")),
        new Source("x-a.form", "x-a.form", Fixtures.form("x-a").getBytes(StandardCharsets.UTF_8))), Set.of(), POLICY))
        .isEmpty();
  }

  @Test
  void aClausePropertyCountsAsTheClauseReference() {
    String withProperty = "<bpmn:serviceTask id=\"t\" camunda:expression=\"${a}\"><bpmn:extensionElements>"
        + "<camunda:properties><camunda:property name=\"clause\" value=\"§3.2.4\"/></camunda:properties>"
        + "</bpmn:extensionElements></bpmn:serviceTask>";
    assertThat(ModelChecks.check(List.of(bpmn(withProperty)), Set.of(), POLICY)).isEmpty();
    assertThat(ModelChecks.clauseIdsIn(bpmn(withProperty))).containsExactly("§3.2.4");
    assertThat(ModelChecks.check(List.of(bpmn(withProperty.replace("§3.2.4", "none"))), Set.of(), POLICY))
        .extracting(Problem::rule).containsExactly(Rule.CLAUSE);
  }

  // -------------------------------------------------------------------------------------- helpers

  static List<Problem> check(String processBody) {
    return ModelChecks.check(List.of(bpmn(processBody), new Source("f-a.form", "f-a.form",
        Fixtures.form("f-a").getBytes(StandardCharsets.UTF_8))), Set.of(), POLICY);
  }

  static Source bpmn(String processBody) {
    return new Source("p.bpmn", "p.bpmn", Fixtures.definitions("p", processBody).getBytes(StandardCharsets.UTF_8));
  }

  static String task(String id, String attributes) {
    return task(id, attributes, null);
  }

  static String task(String id, String attributes, String extensions) {
    return "<bpmn:serviceTask id=\"" + id + "\" " + attributes + "><bpmn:documentation>§1.3.3 測試</bpmn:documentation>"
        + (extensions == null ? "" : "<bpmn:extensionElements>" + extensions + "</bpmn:extensionElements>")
        + "</bpmn:serviceTask>";
  }

  static String fourEyes(String value) {
    return "<camunda:properties><camunda:property name=\"fourEyes\" value=\"" + value + "\"/></camunda:properties>";
  }
}
