package com.zhidu.platform.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zhidu.ZhiduTest;
import com.zhidu.platform.ModelChecks;
import com.zhidu.platform.ModelChecks.Source;
import com.zhidu.reportapproval.ReviewRequestCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The Camunda Modeler element templates in processes/element-templates/ match the code: every delegate bean
 * the models use has a template, every template's bean exists and may be called, the report-approval
 * template passes what report-approval requires, and the templates' patterns accept what the rules accept.
 */
@ZhiduTest
class ElementTemplatesTest {

  static final Path TEMPLATES = Path.of("processes/element-templates");
  static final String SCHEMA = "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";
  static final Set<String> C7_BINDINGS = Set.of("property", "camunda:property", "camunda:inputParameter",
      "camunda:outputParameter", "camunda:in", "camunda:out", "camunda:in:businessKey", "camunda:executionListener",
      "camunda:field", "camunda:errorEventDefinition");
  static final Pattern WHOLE_BEAN = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
  static final ObjectMapper JSON = new ObjectMapper();

  static Map<String, JsonNode> templates = new HashMap<>();

  @Autowired ApplicationContext context;
  @Autowired DeploymentGuard guard;

  @BeforeAll
  static void read() throws IOException {
    try (Stream<Path> files = Files.list(TEMPLATES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        for (JsonNode template : JSON.readTree(file.toFile())) {
          templates.put(template.get("id").asText(), template);
        }
      }
    }
  }

  @Test
  void everyTemplateIsACamunda7TemplateWithKnownBindingsAndAClause() {
    assertThat(templates).isNotEmpty();
    templates.forEach((id, template) -> {
      assertThat(template.get("$schema").asText()).as(id).isEqualTo(SCHEMA);
      assertThat(template.get("name").asText()).as(id).isNotBlank();
      assertThat(template.get("version").asInt()).as(id).isPositive();
      assertThat(template.get("appliesTo")).as(id).isNotEmpty();
      List<String> bindings = new ArrayList<>();
      template.get("properties").forEach(p -> bindings.add(p.get("binding").get("type").asText()));
      assertThat(bindings).as(id).isSubsetOf(C7_BINDINGS);
      assertThat(properties(template, "camunda:property")).as("%s sets the clause", id).contains(ModelChecks.CLAUSE_PROPERTY);
    });
  }

  @Test
  void everyDelegateBeanOfTheModelsHasATemplateAndEveryTemplateBeanExistsAndIsAllowed() throws IOException {
    Set<String> used = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("processes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        used.addAll(ModelChecks.delegateBeansIn(new Source(file.getFileName().toString(), file.toString(),
            Files.readAllBytes(file))));
      }
    }
    Set<String> templated = new TreeSet<>();
    for (JsonNode template : templates.values()) {
      for (JsonNode property : template.get("properties")) {
        if ("camunda:delegateExpression".equals(property.get("binding").path("name").asText())) {
          Matcher bean = WHOLE_BEAN.matcher(property.get("value").asText());
          assertThat(bean.matches()).as("%s names one bean", template.get("id")).isTrue();
          templated.add(bean.group(1));
        }
      }
    }
    assertThat(used).as("delegate beans in processes/").isNotEmpty();
    assertThat(templated).as("templates for the delegate beans in processes/").containsAll(used);
    for (String bean : templated) {
      assertThat(context.containsBean(bean)).as("bean %s exists", bean).isTrue();
      assertThat(guard.allowedBeans()).as("bean %s may be called", bean).contains(bean);
    }
  }

  @Test
  void theReportApprovalTemplateCallsItWithItsRequiredInputsAndReadsItsOutcome() {
    JsonNode template = templates.get("com.zhidu.reportApprovalCall");
    assertThat(Files.exists(Path.of("processes/report-approval.bpmn"))).isTrue();
    List<String> called = new ArrayList<>();
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    for (JsonNode property : template.get("properties")) {
      JsonNode binding = property.get("binding");
      switch (binding.get("type").asText()) {
        case "property" -> {
          if ("calledElement".equals(binding.get("name").asText())) {
            called.add(property.get("value").asText());
          }
        }
        case "camunda:in" -> inputs.add(binding.get("target").asText());
        case "camunda:out" -> outputs.add(binding.get("source").asText());
        default -> { }
      }
    }
    assertThat(called).containsExactly("report-approval");
    assertThat(inputs).contains(ReviewRequestCheck.SUBJECT_TYPE, ReviewRequestCheck.SUBJECT_ID, ReviewRequestCheck.AUTHOR,
        ReviewRequestCheck.AREA, ReviewRequestCheck.RECIPIENTS, ReviewRequestCheck.SUBJECT_VERSION);
    assertThat(outputs).containsExactlyInAnyOrder("reviewOutcome", "reviewComments");
  }

  @Test
  void thePatternsOfTheTemplatesAcceptWhatTheRulesAccept() {
    Pattern clause = Pattern.compile(pattern(templates.get("com.zhidu.clauseReference"), "clause"));
    assertThat(clause.matcher("§3.2.4").matches()).isTrue();
    assertThat(clause.matcher("§3.1.5 §3.4.4").matches()).isTrue();
    assertThat(clause.matcher("3.2.4").matches()).isFalse();
    Pattern fourEyes = Pattern.compile(pattern(templates.get("com.zhidu.fourEyesUserTask"), "fourEyes"));
    for (String ok : List.of("starter", "input:author", "starter, task:review", "task:draft,input:author")) {
      assertThat(fourEyes.matcher(ok).matches()).as(ok).isTrue();
      com.zhidu.platform.FourEyesGuard.parse(ok);
    }
    assertThat(fourEyes.matcher("boss").matches()).isFalse();
    assertThat(fourEyes.matcher("task:").matches()).isFalse();
  }

  static List<String> properties(JsonNode template, String bindingType) {
    List<String> names = new ArrayList<>();
    template.get("properties").forEach(p -> {
      if (bindingType.equals(p.get("binding").get("type").asText())) {
        names.add(p.get("binding").get("name").asText());
      }
    });
    return names;
  }

  static String pattern(JsonNode template, String propertyName) {
    for (JsonNode p : template.get("properties")) {
      if (propertyName.equals(p.get("binding").path("name").asText())) {
        return p.get("constraints").get("pattern").get("value").asText();
      }
    }
    throw new AssertionError("no property " + propertyName + " in " + template.get("id"));
  }
}
