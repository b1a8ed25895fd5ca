package com.zhidu.reportsubmission;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.AsUser;
import com.zhidu.ZhiduTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The form check (platform.forms) guards completions; writing variables directly is closed by authorization instead:
 * with the default task permission TASK_WORK, the assignee of a task can claim and complete it but cannot
 * set task or process variables outside a form submission.
 */
@ZhiduTest
class VariableWritesTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired TestRestTemplate rest;

  @Test
  void theAssigneeCannotWriteVariablesBesideTheForm() {
    AsUser as = new AsUser(identity);
    String report = as.call("chenjing",
        () -> runtime.startProcessInstanceByKey("report-submission", ReportSubmissionProcessTest.reportForm()).getId());
    management.createJobQuery().processInstanceId(report).list().forEach(job -> management.executeJob(job.getId()));
    String reviewInstance = runtime.createProcessInstanceQuery().superProcessInstanceId(report).singleResult().getId();
    Task review = tasks.createTaskQuery().processInstanceId(reviewInstance).taskDefinitionKey("managerReview").singleResult();
    as.run("zhangwei", () -> tasks.claim(review.getId(), "zhangwei"));

    String task = "/engine-rest/engine/" + engine.getName() + "/task/" + review.getId();
    String instance = "/engine-rest/engine/" + engine.getName() + "/process-instance/" + review.getProcessInstanceId();
    assertThat(put(task + "/variables/reviewOutcome")).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(put(task + "/localVariables/decision")).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(put(instance + "/variables/author")).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(runtime.getVariable(review.getProcessInstanceId(), "reviewOutcome")).isNull();
    assertThat(tasks.getVariableLocal(review.getId(), "decision")).isNull();
  }

  private HttpStatus put(String path) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return HttpStatus.valueOf(rest.withBasicAuth("zhangwei", "zhangwei").exchange(path, HttpMethod.PUT,
        new HttpEntity<>("{\"value\":\"approved\",\"type\":\"String\"}", headers), String.class).getStatusCode().value());
  }
}
