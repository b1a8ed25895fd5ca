package com.zhidu.customerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The decision customer-class (§3.3.2) on its own: A/B/C/D by purchase value and frequency over the last
 * twelve months, first matching rule wins; the thresholds are checked at their edges.
 */
class CustomerClassDecisionTest {

  static DmnEngine dmn;
  static DmnDecision decision;

  @BeforeAll
  static void parse() throws Exception {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = Files.newInputStream(Path.of("processes/decisions/customer-class.dmn"))) {
      decision = dmn.parseDecision("customer-class", in);
    }
  }

  @ParameterizedTest(name = "{0} 元, {1} 次 → {2}")
  @CsvSource({
      "5000000,    0, A",
      "4999999,    5, B",
      "2000000,    6, A",
      "1999999,    6, B",
      "2000000,    5, B",
      "1000000,    0, B",
      "999999,     4, B",
      "999999,     3, C",
      "200000,     0, C",
      "199999,     2, C",
      "199999,     1, D",
      "0,          0, D"})
  void classifies(double amount, int purchases, String expected) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("annualPurchaseAmount", amount);
    variables.put("purchasesPerYear", purchases);
    assertThat((String) dmn.evaluateDecision(decision, variables).getSingleEntry()).isEqualTo(expected);
  }

  @Test
  void aFileWithoutPurchaseHistoryIsD() {
    Map<String, Object> unknown = new HashMap<>();
    unknown.put("annualPurchaseAmount", null);
    unknown.put("purchasesPerYear", null);
    assertThat((String) dmn.evaluateDecision(decision, unknown).getSingleEntry()).isEqualTo("D");
  }
}
