package com.zhidu.platform.forms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which request paths {@link FormSubmissionFilter} checks: every completion and start that carries variables. */
class FormSubmissionPathTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "/engine-rest/task/abc-1/complete",
      "/engine-rest/task/abc-1/submit-form",
      "/engine-rest/task/abc-1/resolve",
      "/engine-rest/engine/default/task/abc-1/complete",
      "/engine-rest/process-definition/report-submission:1:42/start",
      "/engine-rest/process-definition/report-submission:1:42/submit-form",
      "/engine-rest/process-definition/key/report-submission/start",
      "/engine-rest/process-definition/key/report-submission/submit-form",
      "/engine-rest/process-definition/key/report-submission/tenant-id/t1/start",
      "/engine-rest/process-definition/key/report-submission/tenant-id/t1/submit-form",
      "/camunda/api/engine/engine/default/task/abc-1/submit-form",
      "/camunda/api/engine/engine/default/task/abc-1/complete",
      "/camunda/api/engine/engine/default/process-definition/report-submission:1:42/submit-form",
      "/camunda/api/engine/engine/default/process-definition/key/report-submission/start"})
  void checked(String path) {
    assertThat(FormSubmissionFilter.SUBMISSION.matcher(path).matches()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/engine-rest/task/abc-1/claim",
      "/engine-rest/task/abc-1/variables",
      "/engine-rest/task",
      "/engine-rest/process-definition/key/report-submission/xml",
      "/camunda/api/admin/auth/user/default/login/tasklist",
      "/zhidu/api/cases/1/comments"})
  void notChecked(String path) {
    assertThat(FormSubmissionFilter.SUBMISSION.matcher(path).matches()).isFalse();
  }
}
