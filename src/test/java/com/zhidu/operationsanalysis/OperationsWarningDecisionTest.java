package com.zhidu.operationsanalysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The decision operations-warning (§2.2.6) on its own, as process owners ship it: thresholds at their edges,
 * the critical rule before the warning rule (hit policy FIRST), and no warning for an indicator without a rule.
 */
class OperationsWarningDecisionTest {

  static DmnDecision decision;
  static DmnEngine dmn;

  @BeforeAll
  static void parse() throws Exception {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = Files.newInputStream(Path.of("processes/decisions/operations-warning.dmn"))) {
      decision = dmn.parseDecision("operations-warning", in);
    }
  }

  @ParameterizedTest
  @CsvSource({
      "defectRate,         5,        ",
      "defectRate,         5.01,     warning",
      "defectRate,         10,       warning",
      "defectRate,         10.5,     critical",
      "targetAchievement,  80,       ",
      "targetAchievement,  79.99,    warning",
      "targetAchievement,  59,       critical",
      "revenueMoM,         -20,      ",
      "revenueMoM,         -20.5,    warning",
      "receivablesOverdue, 1000000,  ",
      "receivablesOverdue, 1000001,  warning",
      "cashBalance,        0,        ",
      "cashBalance,        -1,       critical",
      "turnoverDays,       91,       warning",
      "capacityUtilization,49,       warning",
      "complaints,         11,       warning",
      "complaints,         10,       ",
      "revenue,            0,        ",
      "stockValue,         99999999, "
  })
  void thresholds(String indicator, double value, String level) {
    DmnDecisionResult result = dmn.evaluateDecision(decision, Map.of("indicator", indicator, "value", value));
    if (level == null) {
      assertThat(result).isEmpty();
    } else {
      assertThat(result.getFirstResult().<String>getEntry("level")).isEqualTo(level);
      assertThat(result.getFirstResult().<String>getEntry("message")).isNotBlank();
    }
  }
}
