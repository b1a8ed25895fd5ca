package com.zhidu.reportsubmission;

import org.camunda.bpm.engine.delegate.VariableScope;

/** The report's content as entered in the start form or the revise form (process variables). */
record ReportContent(String title, String summary, String body, String documentLink) {

  static final String TITLE = "title";
  static final String KIND = "kind";
  static final String PERIOD = "period";
  static final String SUMMARY = "summary";
  static final String BODY = "body";
  static final String DOCUMENT_LINK = "documentLink";
  static final String RECIPIENTS = "recipients";

  static ReportContent of(VariableScope scope) {
    return new ReportContent(text(scope, TITLE), text(scope, SUMMARY), text(scope, BODY), text(scope, DOCUMENT_LINK));
  }

  static String text(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }
}
