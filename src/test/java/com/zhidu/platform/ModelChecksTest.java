package com.zhidu.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.zhidu.platform.ModelChecks.Problem;
import com.zhidu.platform.ModelChecks.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The project's own models pass the model checks, and each rule catches its breakage (small broken
 * models under src/test/resources/modelchecks/). Plain JUnit: runs in every build, in milliseconds.
 */
class ModelChecksTest {

  static final Path BROKEN = Path.of("src/test/resources/modelchecks/broken");
  static List<Problem> broken;

  @BeforeAll
  static void checkBrokenModels() {
    broken = ModelChecks.checkDirectories(BROKEN);
  }

  @Test
  void everyProcessAndFormOfTheProjectPasses() {
    // processes/ and forms/ at the top, plus the test-only fixtures the test suites deploy.
    List<Problem> problems = ModelChecks.checkDirectories(Path.of("."), Path.of("src/test/resources"));
    assertThat(problems).as(ModelChecks.describe(problems)).isEmpty();
  }

  @Test
  void aModelFollowingEveryRuleHasNoProblem() {
    List<Problem> problems = ModelChecks.checkDirectories(Path.of("src/test/resources/modelchecks/good"));
    assertThat(problems).as(ModelChecks.describe(problems)).isEmpty();
  }

  @Test
  void missingHistoryTimeToLiveAndDiagram() {
    assertThat(broken).extracting(Problem::rule, Problem::elementId).contains(
        tuple(Rule.HISTORY_TTL, "noTtl"),
        tuple(Rule.HISTORY_TTL, "ratingWithoutTtl"),
        tuple(Rule.DIAGRAM, null));
    assertThat(only(Rule.DIAGRAM)).extracting(Problem::file).containsExactly(BROKEN + "/processes/broken.bpmn");
  }

  @Test
  void userTaskWithoutFormOrWithUnknownFormOrRoutedToNobody() {
    assertThat(only(Rule.FORM_REF)).extracting(Problem::elementId).containsExactlyInAnyOrder("noForm", "unknownForm");
    assertThat(only(Rule.ROUTING)).extracting(Problem::elementId).containsExactly("nobody");
  }

  @Test
  void javaClassesAndScriptsAreRefused() {
    assertThat(only(Rule.JAVA_CLASS)).extracting(Problem::elementId)
        .containsExactlyInAnyOrder("javaClass", "listenerClass", "listenerClass", "sendClass", "ruleClass");
    assertThat(only(Rule.SCRIPT)).extracting(Problem::elementId)
        .containsExactlyInAnyOrder("scripted", "scriptParam");
  }

  @Test
  void activitiesWithoutClauseIdExceptTechnicalOnes() {
    assertThat(only(Rule.CLAUSE)).extracting(Problem::elementId).containsExactlyInAnyOrder(
        "undocumentedSub", "undocumentedInner", "sectionOnly", "undocumentedThrow", "undocumentedBoundary",
        "notTechnical");
  }

  @Test
  void formsThatAreNotJsonOrLackAnIdOrShareOne() {
    assertThat(only(Rule.FORM_JSON)).extracting(Problem::file).containsExactly(BROKEN + "/forms/other/not-json.form");
    assertThat(only(Rule.FORM_DUPLICATE)).extracting(Problem::elementId, Problem::file)
        .containsExactly(tuple("dup-x", BROKEN + "/forms/dup/two.form"));
    assertThat(only(Rule.FORM_ID)).extracting(Problem::file, Problem::elementId).containsExactlyInAnyOrder(
        tuple(BROKEN + "/forms/other/no-id.form", null),
        tuple(BROKEN + "/forms/other/wrong-folder.form", "elsewhere-x"),
        tuple(BROKEN + "/forms/other/empty-name.form", "other-"),
        tuple(BROKEN + "/forms/toplevel.form", "toplevel-x"));
  }

  @Test
  void formComponentsTasklistCannotRenderOrTheServerCannotCheck() {
    assertThat(only(Rule.FORM_TYPE)).extracting(Problem::elementId)
        .containsExactlyInAnyOrder("attachment", "preview", "nested");
    // The server-side validator's own list (FormSchema.unsupportedFeatures) also names the option field
    // without static values and the form without components.
    assertThat(only(Rule.FORM_FEEL)).extracting(Problem::elementId)
        .contains("hidden", "locked", "choice", "total")
        .doesNotContain("attachment", "preview", "nested");
  }

  @Test
  void aDeployGuardCanNameFormsDeployedEarlier() throws Exception {
    Path good = Path.of("src/test/resources/modelchecks/good/processes/good.bpmn");
    var model = List.of(new ModelChecks.Source("processes/good.bpmn", good.toString(), Files.readAllBytes(good)));
    assertThat(ModelChecks.check(model)).extracting(Problem::rule).containsOnly(Rule.FORM_REF);
    assertThat(ModelChecks.check(model, Set.of("good-start", "good-review"))).isEmpty();
  }

  @Test
  void unreadableXmlIsAProblemNotACrash() {
    assertThat(only(Rule.UNREADABLE)).extracting(Problem::file).containsExactly(BROKEN + "/processes/not-xml.bpmn");
  }

  @Test
  void problemsSpeakChineseAndEnglish() {
    assertThat(broken).allSatisfy(p -> {
      assertThat(p.zh()).isNotBlank().isNotEqualTo(p.en());
      assertThat(p.en()).isNotBlank();
    });
    assertThat(ModelChecks.describe(broken)).contains("broken.bpmn [noForm]");
  }

  private static List<Problem> only(Rule rule) {
    return broken.stream().filter(p -> p.rule() == rule).toList();
  }
}
