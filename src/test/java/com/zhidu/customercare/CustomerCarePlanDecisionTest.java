package com.zhidu.customercare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.Test;

/** The decision customer-care-plan (§3.3.3) on its own: the plan of contacts per customer class. */
class CustomerCarePlanDecisionTest {

  static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

  @Test
  void classAGetsTheMostAttentionIncludingVisits() throws Exception {
    assertThat(plan("A")).extracting(r -> r.get("occasion"), r -> r.get("channel"), r -> r.get("daysAhead"),
        r -> r.get("everyMonths")).containsExactly(
            tuple("birthdayWish", "phone", 1, null),
            tuple("holidayGreeting", "visit", 3, null),
            tuple("usageGuidance", "visit", null, 3),
            tuple("promotionNotice", "email", null, 1));
  }

  @Test
  void lowerClassesGetFewerAndLighterContacts() throws Exception {
    assertThat(plan("B")).extracting(r -> r.get("occasion")).containsExactly("birthdayWish", "holidayGreeting",
        "usageGuidance", "promotionNotice");
    assertThat(plan("C")).extracting(r -> r.get("occasion"), r -> r.get("channel")).containsExactly(
        tuple("birthdayWish", "sms"), tuple("holidayGreeting", "sms"), tuple("promotionNotice", "email"));
    assertThat(plan("D")).extracting(r -> r.get("occasion"), r -> r.get("everyMonths")).containsExactly(
        tuple("holidayGreeting", null), tuple("promotionNotice", 6));
  }

  @Test
  void everyRowIsEitherDatedOrPeriodicWithAKnownChannel() throws Exception {
    for (String cls : List.of("A", "B", "C", "D")) {
      for (Map<String, Object> row : plan(cls)) {
        boolean dated = row.get("occasion").equals("birthdayWish") || row.get("occasion").equals("holidayGreeting");
        assertThat(row.get(dated ? "daysAhead" : "everyMonths")).as(cls + " " + row).isNotNull();
        assertThat(row.get("channel")).isIn("phone", "email", "sms", "visit");
      }
    }
    assertThat(plan("X")).as("an unknown class has no plan (the run treats unclassified files as D)").isEmpty();
  }

  static List<Map<String, Object>> plan(String customerClass) throws Exception {
    try (InputStream in = Files.newInputStream(Path.of("processes/decisions/customer-care-plan.dmn"))) {
      DmnDecision decision = DMN.parseDecision("customer-care-plan", in);
      return DMN.evaluateDecisionTable(decision, Map.of("customerClass", customerClass)).getResultList();
    }
  }
}
