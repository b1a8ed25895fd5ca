package com.zhidu.customerfilereview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.zhidu.AsUser;
import com.zhidu.ProcessTestExtension;
import com.zhidu.ZhiduTest;
import com.zhidu.customerfile.CustomerFile;
import com.zhidu.customerfile.CustomerFileRepository;
import com.zhidu.customerfile.Purchases;
import com.zhidu.salescontract.SalesContractRepository;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * customer-file-review (§3.3.2): the monthly timer gives the CRM group one review task per stale customer
 * file; the review updates the file and classifies it with customer-class. Runs with the clock two years
 * ahead, so every file in the test database is stale; the test reviews its own and closes the others.
 */
@ZhiduTest
class CustomerFileReviewProcessTest {

  @RegisterExtension
  static final ProcessTestExtension processTest = ProcessTestExtension.fullyCovering("customer-file-review");

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired CustomerFileRepository files;
  @Autowired SalesContractRepository contracts;
  AsUser as;

  @BeforeEach
  void setUp() {
    as = new AsUser(identity);
  }

  @Test
  void aStaleFileIsReviewedAndClassified() {
    long stale = files.create("嘉義食品有限公司", "周小姐", "05-222-3333", null, "zhengxin");
    ZonedDateTime later = ZonedDateTime.now().plusYears(2);
    // NT$1.2 million in three signed contracts within the twelve months before the review: class B.
    for (int months = 1; months <= 3; months++) {
      Purchases.signed(contracts, stale, later.toLocalDate().minusMonths(months), "TWD", 40_000_000L);
    }
    ClockUtil.setCurrentTime(Date.from(later.toInstant()));
    long fresh = files.create("台南五金行", "吳先生", "06-111-2222", null, "zhengxin");
    assertThat(files.staleFileIds()).contains(stale).doesNotContain(fresh);

    ProcessInstance review = runMonthlyTimer();
    Task own = taskFor(review, stale);
    assertThat(own).hasCandidateGroup("crm");
    assertThat(tasks.getVariable(own.getId(), "customerName")).isEqualTo("嘉義食品有限公司");
    assertThat(tasks.getVariable(own.getId(), "contactName")).isEqualTo("周小姐");
    assertThat(taskFor(review, fresh)).isNull();
    assertThat((String) tasks.getVariable(own.getId(), "purchaseHistory")).contains("近12個月:3 次");

    // A birthday in the wrong format is refused and nothing changes.
    Map<String, Object> wrong = review("1988/03/05");
    assertThatThrownBy(() -> complete("xiaoyu", own, wrong)).hasMessageContaining("contactBirthday");
    assertThat(files.fileOf(stale).lastReviewedAt()).isNull();

    complete("xiaoyu", own, review("1988-03-05"));
    CustomerFile reviewed = files.fileOf(stale);
    assertThat(reviewed.customerClass()).as("from the signed contracts").isEqualTo("B");
    assertThat(reviewed.phone()).isEqualTo("05-222-9999");
    assertThat(reviewed.contactBirthday()).isEqualTo(LocalDate.of(1988, 3, 5));
    assertThat(reviewed.preferences()).isEqualTo("偏好電子郵件聯絡,不接受電話推銷");
    assertThat(reviewed.lastReviewedAt()).isNotNull();
    assertThat(files.staleFileIds()).doesNotContain(stale);

    for (Task other : tasks.createTaskQuery().processInstanceId(review.getId()).list()) {
      complete("zhengxin", other, Map.of());
    }
    assertThat(review).isEnded().hasPassed("EndEvent_Reviewed");
  }

  private static Map<String, Object> review(String birthday) {
    Map<String, Object> form = new HashMap<>();
    form.put("contactName", "周小姐");
    form.put("phone", "05-222-9999");
    form.put("contactBirthday", birthday);
    form.put("preferences", "偏好電子郵件聯絡,不接受電話推銷");
    return form;
  }

  private ProcessInstance runMonthlyTimer() {
    Job timer = management.createJobQuery().processDefinitionKey("customer-file-review").timers().singleResult();
    assertThat(timer).as("the monthly timer is scheduled").isNotNull();
    assertThat(timer.getDuedate()).isBefore(ClockUtil.getCurrentTime());
    management.executeJob(timer.getId());
    List<ProcessInstance> started = runtime.createProcessInstanceQuery().processDefinitionKey("customer-file-review")
        .active().list();
    assertThat(started).hasSize(1);
    return started.get(0);
  }

  private Task taskFor(ProcessInstance review, long fileId) {
    return tasks.createTaskQuery().processInstanceId(review.getId()).list().stream()
        .filter(t -> ((Number) tasks.getVariable(t.getId(), "customerFileId")).longValue() == fileId)
        .findFirst().orElse(null);
  }

  private void complete(String user, Task task, Map<String, Object> variables) {
    as.run(user, () -> {
      if (tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee() == null) {
        tasks.claim(task.getId(), user);
      }
      tasks.complete(task.getId(), variables);
    });
  }
}
