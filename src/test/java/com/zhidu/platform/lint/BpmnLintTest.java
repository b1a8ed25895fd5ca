package com.zhidu.platform.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zhidu.platform.ModelChecks;
import com.zhidu.platform.ModelChecks.Rule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bpmnlint run process owners see in Camunda Modeler and CI runs in {@code verify} (processes/.bpmnlintrc,
 * lint/package.json): it passes on every shipped model, fails on a broken one naming each rule, and its
 * Zhidu rules flag exactly the elements {@link ModelChecks} flags for the same rules. Needs {@code lint/node_modules},
 * which the Maven build installs (npm ci) before the tests.
 */
class BpmnLintTest {

  static final Path LINT = Path.of("lint");

  /** ModelChecks rules the plugin repeats; FORM_REF only as "formRef missing" (forms/ is not visible to lint). */
  static final Map<Rule, String> SAME_RULES = Map.of(Rule.HISTORY_TTL, "zhidu/history-time-to-live",
      Rule.ROUTING, "zhidu/user-task-routing", Rule.JAVA_CLASS, "zhidu/no-java-class", Rule.SCRIPT, "zhidu/no-script",
      Rule.CLAUSE, "zhidu/clause-reference", Rule.FORM_REF, "zhidu/user-task-form");

  record Run(int exitCode, String output) {}

  @BeforeAll
  static void nodeAndBpmnlint() {
    assumeTrue(onPath("node"), "node is not on the PATH: bpmnlint cannot run here (CI machines have it)");
    assertThat(LINT.resolve("node_modules/bpmnlint/bin/bpmnlint.js"))
        .as("bpmnlint is not installed: run `npm ci --prefix lint` (the Maven build does it before the tests)")
        .exists();
  }

  @Test
  void everyShippedAndTestModelPassesWithoutWarnings() throws Exception {
    Run run = bpmnlint("../processes/*.bpmn", "../src/test/resources/processes/*.bpmn");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).doesNotContain("warning", "error");
  }

  @Test
  void aBrokenModelFailsAndEachRuleIsNamed() throws Exception {
    Run run = bpmnlint("../src/test/resources/lint/broken.bpmn");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.output()).contains("no-bpmndi", "zhidu/history-time-to-live", "zhidu/user-task-form",
        "zhidu/user-task-routing", "zhidu/no-java-class", "zhidu/no-script", "zhidu/clause-reference");
    assertThat(problems(run, "no-bpmndi")).containsExactly("Task_NoDiagram no-bpmndi");
  }

  @Test
  void zhiduRulesFlagTheSameElementsAsTheJavaModelChecks() throws Exception {
    Path broken = Path.of("src/test/resources/modelchecks/broken");
    Set<String> java = new TreeSet<>();
    ModelChecks.checkDirectories(broken).stream()
        .filter(p -> p.file().endsWith("broken.bpmn") && SAME_RULES.containsKey(p.rule()))
        // A formRef naming a form missing from forms/ needs the other files: left to the Java check.
        .filter(p -> !(p.rule() == Rule.FORM_REF && p.en().contains("which no form")))
        .forEach(p -> java.add(p.elementId() + " " + SAME_RULES.get(p.rule())));
    assertThat(java).as("the fixture exercises every shared rule").hasSizeGreaterThan(10);

    Run run = bpmnlint("../src/test/resources/modelchecks/broken/processes/broken.bpmn");
    assertThat(new TreeSet<>(problems(run, "zhidu/"))).isEqualTo(java);
  }

  /** "elementId rule" for each reported problem whose rule starts with {@code rulePrefix}. */
  static List<String> problems(Run run, String rulePrefix) {
    List<String> found = new ArrayList<>();
    for (String line : run.output().split("\\R")) {
      String[] words = line.trim().split("\\s+");
      if (words.length > 3 && words[1].equals("error") || words.length > 3 && words[1].equals("warning")) {
        String rule = words[words.length - 1];
        if (rule.startsWith(rulePrefix)) {
          found.add(words[0] + " " + rule);
        }
      }
    }
    return found;
  }

  /** bpmnlint from lint/ (plugins resolve from the working directory) with the Modeler's configuration. */
  static Run bpmnlint(String... files) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("node", "node_modules/bpmnlint/bin/bpmnlint.js",
        "--max-warnings=0", "--config", "../processes/.bpmnlintrc"));
    command.addAll(List.of(files));
    Process process = new ProcessBuilder(command).directory(LINT.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.PIPE).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("bpmnlint finished").isTrue();
    return new Run(process.exitValue(), output.replaceAll("\u001B\\[[;\\d]*m", ""));
  }

  static boolean onPath(String program) {
    String path = System.getenv("PATH");
    return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
  }
}
