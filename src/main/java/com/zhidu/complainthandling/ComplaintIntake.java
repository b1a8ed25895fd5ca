package com.zhidu.complainthandling;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * What the intake (受理) submitted: the start form {@code complaint-handling-intake}, from Tasklist or from
 * {@code POST /zhidu/api/complaints}. Blank texts count as not given.
 */
public record ComplaintIntake(String customerId, String customerName, String contactName, String contactPhone,
    String contactEmail, String category, String severity, String description, String contractNumber) {

  public static final String CUSTOMER_ID = "customerId";
  public static final String CUSTOMER_NAME = "customerName";
  public static final String CONTACT_NAME = "contactName";
  public static final String CONTACT_PHONE = "contactPhone";
  public static final String CONTACT_EMAIL = "contactEmail";
  public static final String CATEGORY = "category";
  public static final String SEVERITY = "severity";
  public static final String DESCRIPTION = "description";
  public static final String CONTRACT_NUMBER = "contractNumber";

  public static ComplaintIntake of(VariableScope scope) {
    return new ComplaintIntake(text(scope, CUSTOMER_ID), text(scope, CUSTOMER_NAME), text(scope, CONTACT_NAME),
        text(scope, CONTACT_PHONE), text(scope, CONTACT_EMAIL), text(scope, CATEGORY), text(scope, SEVERITY),
        text(scope, DESCRIPTION), text(scope, CONTRACT_NUMBER));
  }

  /** The customer file number, or null for a new customer. */
  public Long customerFileId() {
    return customerId == null ? null : Long.valueOf(customerId);
  }

  /** A text variable, trimmed only to decide whether it is blank; the stored text is kept as typed. */
  static String text(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    return value.toString();
  }
}
