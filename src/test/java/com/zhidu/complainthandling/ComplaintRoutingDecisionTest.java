package com.zhidu.complainthandling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.DmnEngineException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The decision complaint-routing (§3.3.4) on its own, as process owners ship it in processes/decisions/:
 * every category and severity the intake form offers gets exactly one department and SLA; anything else gets
 * none (the process then stops with an incident instead of routing to nobody).
 */
class ComplaintRoutingDecisionTest {

  static final List<String> CATEGORIES = List.of("productQuality", "delivery", "installation", "billing", "service",
      "contract");
  static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low");

  static DmnEngine dmn;
  static DmnDecision decision;

  @BeforeAll
  static void parse() throws Exception {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = Files.newInputStream(Path.of("processes/decisions/complaint-routing.dmn"))) {
      decision = dmn.parseDecision("complaint-routing", in);
    }
  }

  @ParameterizedTest
  @CsvSource({
      "productQuality, critical, production,   2,  24",
      "productQuality, low,      production,   24, 240",
      "delivery,       high,     logistics,    4,  48",
      "installation,   medium,   installation, 8,  120",
      "billing,        low,      finance,      24, 240",
      "service,        high,     sales,        4,  48",
      "contract,       critical, legal,        2,  24"})
  void routesToTheDepartmentWithItsDeadlines(String category, String severity, String group, int response,
      int resolution) {
    Map<String, Object> result = evaluate(category, severity).getSingleResult().getEntryMap();
    assertThat(result).containsEntry("responsibleGroup", group).containsEntry("responseHours", response)
        .containsEntry("resolutionHours", resolution);
  }

  @Test
  void everyFormChoiceHasExactlyOneRuleAndSensibleDeadlines() {
    for (String category : CATEGORIES) {
      for (String severity : SEVERITIES) {
        DmnDecisionResult result = evaluate(category, severity);
        assertThat(result).as("%s/%s", category, severity).hasSize(1);
        Map<String, Object> entry = result.getSingleResult().getEntryMap();
        assertThat((Integer) entry.get("responseHours")).as("%s/%s", category, severity).isPositive()
            .isLessThan((Integer) entry.get("resolutionHours"));
        assertThat(entry.get("responsibleGroup")).isIn("production", "logistics", "installation", "finance", "sales",
            "legal");
      }
    }
  }

  @Test
  void moreSevereMeansSooner() {
    for (String category : CATEGORIES) {
      int previous = 0;
      for (int i = SEVERITIES.size() - 1; i >= 0; i--) {
        int response = (Integer) evaluate(category, SEVERITIES.get(i)).getSingleResult().getEntry("responseHours");
        if (previous > 0) {
          assertThat(response).as("%s %s", category, SEVERITIES.get(i)).isLessThanOrEqualTo(previous);
        }
        previous = response;
      }
    }
  }

  @Test
  void unknownOrMissingInputsMatchNothing() {
    assertThat(evaluate("weather", "high")).isEmpty();
    assertThat(evaluate("productQuality", "urgent")).isEmpty();
    assertThat(evaluate("ProductQuality", "high")).as("values are case-sensitive").isEmpty();
    assertThat(evaluate(null, "high")).isEmpty();
    assertThat(evaluate("delivery", null)).isEmpty();
  }

  @Test
  void theDecisionHasAHistoryTimeToLiveAndUniqueHits() throws Exception {
    String xml = Files.readString(Path.of("processes/decisions/complaint-routing.dmn"));
    assertThat(xml).contains("camunda:historyTimeToLive=\"P3650D\"").contains("hitPolicy=\"UNIQUE\"");
    assertThatThrownBy(() -> dmn.parseDecision("no-such-decision",
        Files.newInputStream(Path.of("processes/decisions/complaint-routing.dmn"))))
        .isInstanceOf(DmnEngineException.class);
  }

  private static DmnDecisionResult evaluate(String category, String severity) {
    java.util.HashMap<String, Object> variables = new java.util.HashMap<>();
    variables.put("category", category);
    variables.put("severity", severity);
    return dmn.evaluateDecision(decision, variables);
  }
}
