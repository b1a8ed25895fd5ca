package com.zhidu.platform.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Camunda Modeler plugin (lint/modeler-plugin): its bundle dist/client.js registers the Zhidu bpmnlint
 * configuration for Camunda 7 diagrams ({@code lintRules.bpmn}) with every Zhidu rule compiled in, and linting with
 * exactly what it registers (check-bundle.js loads the bundle as Modeler does) finds what the CI run finds. Needs
 * the bundle, which the Maven build makes (npm ci + npm run build) before the tests.
 */
class ModelerPluginTest {

  static final Path PLUGIN = Path.of("lint/modeler-plugin");
  static final Path BUNDLE = PLUGIN.resolve("dist/client.js");
  static final List<String> ZHIDU_RULES = List.of("zhidu/history-time-to-live", "zhidu/user-task-form",
      "zhidu/user-task-routing", "zhidu/no-java-class", "zhidu/no-script", "zhidu/clause-reference");

  @BeforeAll
  static void nodeAndBundle() {
    assumeTrue(BpmnLintTest.onPath("node"), "node is not on the PATH: the plugin cannot be built here (CI has it)");
    assertThat(BUNDLE)
        .as("the plugin is not built: run `npm ci --prefix lint/modeler-plugin && npm run build --prefix "
            + "lint/modeler-plugin` (the Maven build does it before the tests)")
        .exists();
  }

  @Test
  void theBundleRegistersTheZhiduRulesForCamunda7Diagrams() throws Exception {
    String bundle = Files.readString(BUNDLE);
    assertThat(bundle).contains("lintRules.bpmn").doesNotContain("lintRules.cloud-bpmn");
    for (String rule : ZHIDU_RULES) {
      assertThat(bundle).as(rule).contains("\"" + rule + "\"");
    }
    assertThat(Files.readString(PLUGIN.resolve("index.js"))).contains("script: './dist/client.js'");

    JsonNode result = checkBundle("../../src/test/resources/lint/broken.bpmn");
    assertThat(result.get("types").toString()).isEqualTo("[\"lintRules.bpmn\"]");
    List<String> rules = new ArrayList<>();
    result.get("rules").forEach(rule -> rules.add(rule.asText()));
    assertThat(rules).containsAll(ZHIDU_RULES).contains("no-bpmndi", "label-required");
  }

  @Test
  void theModelerFindsWhatTheBuildFindsOnABrokenModel() throws Exception {
    String file = "../src/test/resources/lint/broken.bpmn";
    Set<String> modeler = reported(checkBundle("../" + file), "../" + file);
    assertThat(modeler).extracting(problem -> problem.substring(problem.indexOf(' ') + 1))
        .containsAll(ZHIDU_RULES).contains("no-bpmndi");

    BpmnLintTest.Run ci = BpmnLintTest.bpmnlint(file);
    assertThat(modeler).isEqualTo(new TreeSet<>(BpmnLintTest.problems(ci, "")));
  }

  @Test
  void theModelerShowsNoProblemOnAnyShippedModel() throws Exception {
    List<String> files = new ArrayList<>();
    for (Path dir : List.of(Path.of("processes"), Path.of("src/test/resources/processes"))) {
      try (Stream<Path> models = Files.list(dir)) {
        models.filter(p -> p.toString().endsWith(".bpmn")).sorted().forEach(p -> files.add("../../" + p));
      }
    }
    assertThat(files).hasSizeGreaterThan(8);
    JsonNode result = checkBundle(files.toArray(String[]::new));
    for (String file : files) {
      assertThat(reported(result, file)).as(file).isEmpty();
    }
  }

  static Set<String> reported(JsonNode result, String file) {
    JsonNode problems = result.get("reports").get(file);
    assertThat(problems).as("linted " + file).isNotNull();
    Set<String> found = new TreeSet<>();
    problems.forEach(problem -> found.add(problem.asText()));
    return found;
  }

  /** node check-bundle.js FILE... in lint/modeler-plugin (file names relative to it): its JSON line. */
  static JsonNode checkBundle(String... files) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("node", "check-bundle.js"));
    command.addAll(List.of(files));
    Process process = new ProcessBuilder(command).directory(PLUGIN.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("check-bundle.js finished").isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return new ObjectMapper().readTree(output);
  }
}
