package com.zhidu.customerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.zhidu.AsUser;
import com.zhidu.ProcessTestExtension;
import com.zhidu.ZhiduTest;
import com.zhidu.platform.Refusal;
import com.zhidu.salescontract.SalesContractRepository;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * customer-file (§3.3.1, §3.3.2): the CRM group creates and edits customer files through forms; the purchase
 * history comes from signed contracts and classifies the customer (customer-class); only the CRM group may.
 */
@ZhiduTest
class CustomerFileProcessTest {

  @RegisterExtension
  static final ProcessTestExtension processTest = ProcessTestExtension.fullyCovering("customer-file");

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired CustomerFileRepository files;
  @Autowired SalesContractRepository contracts;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate rest;
  AsUser as;

  @BeforeEach
  void setUp() {
    as = new AsUser(identity);
  }

  @Test
  void theCrmGroupCreatesANewCustomerFile() {
    int before = count("customer");
    ProcessInstance instance = start("xiaoyu", Map.of("customerName", "新竹光電股份有限公司"));
    assertThat(instance).isWaitingAt("maintainCustomerFile");
    Task task = task(instance);
    assertThat(task).hasCandidateGroup("crm");
    assertThat(tasks.getVariable(task.getId(), "customerName")).isEqualTo("新竹光電股份有限公司");
    assertThat(count("customer")).as("nothing written before the form is saved").isEqualTo(before);

    Map<String, Object> form = form("新竹光電股份有限公司", "許經理", "03-555-1234", "1979-11-02");
    form.put("feedbackNote", "希望每季收到新品資訊");
    complete("xiaoyu", task, form);

    assertThat(instance).isEnded().hasPassed("EndEvent_FileSaved");
    long id = ((Number) historicVariable(instance, "customerFileId")).longValue();
    CustomerFile file = files.fileOf(id);
    assertThat(file.name()).isEqualTo("新竹光電股份有限公司");
    assertThat(file.contactName()).isEqualTo("許經理");
    assertThat(file.contactBirthday()).isEqualTo(LocalDate.of(1979, 11, 2));
    assertThat(file.preferences()).isEqualTo("偏好電子郵件,上午聯絡");
    assertThat(file.createdBy()).isEqualTo("xiaoyu");
    assertThat(file.customerClass()).as("no purchases yet").isEqualTo("D");
    assertThat(files.feedbackOf(id)).extracting(CustomerFileRepository.Feedback::note,
        CustomerFileRepository.Feedback::recordedBy).containsExactly(
            org.assertj.core.groups.Tuple.tuple("希望每季收到新品資訊", "xiaoyu"));
    assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceId(instance.getId()).singleResult().getBusinessKey()).isEqualTo("CUST-" + id);
  }

  @Test
  void editingShowsThePurchaseHistoryAndClassifiesFromSignedContracts() {
    long id = files.create("高雄機電有限公司", "蔡先生", "07-333-4444", null, "zhengxin");
    LocalDate today = LocalDate.now(files.zone());
    Purchases.signed(contracts, id, today.minusMonths(2), "TWD", 80_000_000L);   // NT$800,000
    Purchases.signed(contracts, id, today.minusMonths(5), "TWD", 40_000_000L);   // NT$400,000
    Purchases.signed(contracts, id, today.minusMonths(14), "TWD", 900_000_000L); // older than 12 months
    Purchases.signed(contracts, id, today.minusMonths(1), "USD", 1_000_000L);    // counts, not converted
    Purchases.inReview(contracts, id, today, 500_000_000L);                       // not signed: no purchase

    PurchaseHistory history = files.purchaseHistory(id);
    assertThat(history.purchases()).hasSize(4);
    assertThat(history.purchasesLast12Months()).isEqualTo(3);
    assertThat(history.amountLast12MonthsMinor()).isEqualTo(120_000_000L);

    ProcessInstance instance = start("zhengxin", Map.of("customerId", String.valueOf(id)));
    Task task = task(instance);
    assertThat(tasks.getVariable(task.getId(), "contactName")).isEqualTo("蔡先生");
    assertThat((String) tasks.getVariable(task.getId(), "purchaseHistory")).contains("近12個月:3 次")
        .contains("1,200,000.00").contains("USD");
    assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceId(instance.getId()).singleResult().getBusinessKey()).isEqualTo("CUST-" + id);

    complete("xiaoyu", task, form("高雄機電股份有限公司", "蔡經理", "07-333-5555", ""));
    assertThat(instance).isEnded();
    CustomerFile file = files.fileOf(id);
    assertThat(file.name()).isEqualTo("高雄機電股份有限公司");
    assertThat(file.contactName()).isEqualTo("蔡經理");
    assertThat(file.phone()).isEqualTo("07-333-5555");
    assertThat(file.contactBirthday()).isNull();
    assertThat(file.customerClass()).as("NT$1.2 million in 12 months: B").isEqualTo("B");
    assertThat(jdbc.queryForObject("select updated_by from customer where id = ?", String.class, id))
        .isEqualTo("xiaoyu");
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndNothingIsWritten() {
    int before = count("customer");
    assertThat(refusedField(() -> start("xiaoyu", Map.of()))).isEqualTo("customerName");
    assertThat(refusedField(() -> start("xiaoyu", Map.of("customerId", "987654321")))).isEqualTo("customerId");
    assertThat(refusedField(() -> start("xiaoyu", Map.of("customerId", "1", "customerName", "某公司"))))
        .isEqualTo("customerId");
    assertThat(count("customer")).isEqualTo(before);

    ProcessInstance instance = start("xiaoyu", Map.of("customerName", "台中精工"));
    Task task = task(instance);
    Map<String, Object> noContact = form("台中精工", "林小姐", "", "");
    assertThat(refusedField(() -> complete("xiaoyu", task, noContact))).isEqualTo("phone");
    Map<String, Object> badBirthday = form("台中精工", "林小姐", "04-222-3333", "1990-02-30");
    assertThat(refusedField(() -> complete("xiaoyu", task, badBirthday))).isEqualTo("contactBirthday");
    Map<String, Object> future = form("台中精工", "林小姐", "04-222-3333", "2999-01-01");
    assertThat(refusedField(() -> complete("xiaoyu", task, future))).isEqualTo("contactBirthday");
    Map<String, Object> script = form("<script>alert(1)</script>", "林小姐", "04-222-3333", "");
    script.put("preferences", "長".repeat(2001));
    assertThat(refusedField(() -> complete("xiaoyu", task, script))).isEqualTo("preferences");
    assertThat(count("customer")).isEqualTo(before);
    assertThat(instance).isWaitingAt("maintainCustomerFile");

    // Text is stored as typed, markup included; nothing interprets it.
    complete("xiaoyu", task, form("<script>alert(1)</script> 台中精工", "林小姐", "04-222-3333", ""));
    long id = ((Number) historicVariable(instance, "customerFileId")).longValue();
    assertThat(files.fileOf(id).name()).isEqualTo("<script>alert(1)</script> 台中精工");
  }

  @Test
  void onlyTheCrmGroupMaintainsCustomerFiles() {
    assertThatThrownBy(() -> start("sunli", Map.of("customerName", "銷售自建客戶")))
        .isInstanceOf(AuthorizationException.class);
    ResponseEntity<String> byRest = rest.withBasicAuth("sunli", "sunli").exchange("/engine-rest/engine/"
            + processEngine.getName() + "/process-definition/key/customer-file/start", HttpMethod.POST,
        new HttpEntity<>(Map.of("variables", Map.of("customerName", Map.of("value", "銷售自建客戶")))), String.class);
    assertThat(byRest.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    ProcessInstance instance = start("xiaoyu", Map.of("customerName", "屏東農機行"));
    Task task = task(instance);
    assertThat(as.call("sunli", () -> tasks.createTaskQuery().processInstanceId(instance.getId()).count())).isZero();
    assertThatThrownBy(() -> as.run("sunli", () -> tasks.claim(task.getId(), "sunli")))
        .isInstanceOf(AuthorizationException.class);
    assertThat(as.call("zhengxin", () -> tasks.createTaskQuery().processInstanceId(instance.getId()).count()))
        .isEqualTo(1);
    runtime.deleteProcessInstance(instance.getId(), "test done");
  }

  private static Map<String, Object> form(String name, String contact, String phone, String birthday) {
    Map<String, Object> form = new HashMap<>();
    form.put("customerName", name);
    form.put("contactName", contact);
    form.put("phone", phone);
    form.put("email", "");
    form.put("contactBirthday", birthday);
    form.put("preferences", "偏好電子郵件,上午聯絡");
    return form;
  }

  private ProcessInstance start(String user, Map<String, Object> variables) {
    return as.call(user, () -> runtime.startProcessInstanceByKey("customer-file", variables));
  }

  private Task task(ProcessInstance instance) {
    return tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }

  private void complete(String user, Task task, Map<String, Object> variables) {
    as.run(user, () -> {
      if (tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee() == null) {
        tasks.claim(task.getId(), user);
      }
      tasks.complete(task.getId(), variables);
    });
  }

  private Object historicVariable(ProcessInstance instance, String name) {
    return processEngine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName(name).singleResult().getValue();
  }

  private int count(String table) {
    return jdbc.queryForObject("select count(*) from " + table, Integer.class);
  }

  static String refusedField(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof Refusal refusal) {
          return refusal.errors().get(0).field();
        }
      }
      throw e;
    }
    throw new AssertionError("not refused");
  }
}
