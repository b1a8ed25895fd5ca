package com.zhidu.paymentcollection;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The waits between the steps of the escalation ladder for an overdue instalment (§3.2.6), as ISO-8601
 * durations from {@code zhidu.collection.*}: reminder contact → (afterContact) → dunning letter →
 * (afterLetter) → visit → (afterVisit) → legal action. Read when a step's timer starts.
 */
@Component("collectionLadder")
public class CollectionLadder {

  private final String afterContact;
  private final String afterLetter;
  private final String afterVisit;

  public CollectionLadder(@Value("${zhidu.collection.after-contact:P7D}") String afterContact,
      @Value("${zhidu.collection.after-letter:P14D}") String afterLetter,
      @Value("${zhidu.collection.after-visit:P14D}") String afterVisit) {
    this.afterContact = afterContact;
    this.afterLetter = afterLetter;
    this.afterVisit = afterVisit;
  }

  public String afterContact() {
    return afterContact;
  }

  public String afterLetter() {
    return afterLetter;
  }

  public String afterVisit() {
    return afterVisit;
  }
}
