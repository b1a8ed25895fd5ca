package com.zhidu.customercare;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/**
 * The care plan of a customer class (§3.3.3): the rows the decision customer-care-plan (COLLECT) gives for it.
 * An unclassified customer is cared for as class D.
 */
@Component
public class CarePlan {

  public static final String BIRTHDAY = "birthdayWish";
  public static final String HOLIDAY = "holidayGreeting";
  public static final String USAGE = "usageGuidance";
  public static final String PROMOTION = "promotionNotice";
  public static final String DEFAULT_CLASS = "D";

  /** One planned kind of contact: occasion, channel, days ahead (birthday, holiday) or interval in months. */
  public record Entry(String occasion, String channel, Integer daysAhead, Integer everyMonths) {}

  private final DecisionService decisions;

  public CarePlan(DecisionService decisions) {
    this.decisions = decisions;
  }

  public List<Entry> forClass(String customerClass) {
    String cls = customerClass == null || customerClass.isBlank() ? DEFAULT_CLASS : customerClass;
    return decisions.evaluateDecisionTableByKey("customer-care-plan", Map.of("customerClass", cls)).getResultList()
        .stream().map(row -> new Entry((String) row.get("occasion"), (String) row.get("channel"),
            integer(row.get("daysAhead")), integer(row.get("everyMonths")))).toList();
  }

  private static Integer integer(Object value) {
    return value == null ? null : ((Number) value).intValue();
  }
}
