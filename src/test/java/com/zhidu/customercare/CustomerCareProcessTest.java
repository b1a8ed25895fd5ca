package com.zhidu.customercare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.zhidu.AsUser;
import com.zhidu.ProcessTestExtension;
import com.zhidu.ZhiduTest;
import com.zhidu.customerfile.CustomerFileRepository;
import com.zhidu.platform.Refusal;
import com.zhidu.salesopportunity.Opportunity;
import com.zhidu.salesopportunity.OpportunityRepository;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
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
 * customer-care (§3.3.3, §3.3.5): the daily timer plans the contacts the class's care plan (customer-care-plan)
 * makes due — a birthday, a holiday of the care calendar (春節 2026), a periodic usage guidance — as tasks of the
 * CRM group; the outcome is recorded; a contact can raise an opportunity for sales. Each test moves the clock to
 * a day before the real customers of the test database existed, so its run holds only what the test made due.
 */
@ZhiduTest
class CustomerCareProcessTest {

  @RegisterExtension
  static final ProcessTestExtension processTest = ProcessTestExtension.fullyCovering("customer-care");

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired CustomerFileRepository files;
  @Autowired CareContactRepository contacts;
  @Autowired OpportunityRepository opportunities;
  AsUser as;

  @BeforeEach
  void setUp() {
    as = new AsUser(identity);
  }

  @Test
  void aBirthdayWishFallsDueOnTheBirthdayAndItsContactRaisesAnOpportunity() {
    clock(LocalDate.of(2020, 7, 1));
    long customer = customer("彰化五金股份有限公司", "B", LocalDate.of(1985, 7, 14));

    clock(LocalDate.of(2020, 7, 13));
    ProcessInstance dayBefore = runDailyTimer();
    assertThat(contactsOf(dayBefore, customer)).as("class B wishes on the day itself").isEmpty();
    finishAll(dayBefore);

    clock(LocalDate.of(2020, 7, 14));
    ProcessInstance run = runDailyTimer();
    List<Task> own = contactsOf(run, customer);
    assertThat(own).hasSize(1);
    Task wish = own.get(0);
    assertThat(wish).hasCandidateGroup("crm");
    assertThat(tasks.getVariable(wish.getId(), "occasion")).isEqualTo("birthdayWish");
    assertThat(tasks.getVariable(wish.getId(), "plannedChannel")).isEqualTo("phone");
    assertThat(tasks.getVariable(wish.getId(), "customerName")).isEqualTo("彰化五金股份有限公司");
    assertThat(wish.getDueDate()).isEqualTo(Date.from(LocalDate.of(2020, 7, 14).atTime(23, 59)
        .atZone(files.zone()).toInstant()));

    // The sales group does not handle care contacts.
    assertThat(as.call("sunli", () -> tasks.createTaskQuery().taskId(wish.getId()).count())).isZero();
    assertThatThrownBy(() -> as.run("sunli", () -> tasks.claim(wish.getId(), "sunli")))
        .isInstanceOf(AuthorizationException.class);

    // An opportunity needs its need and solution, and an owner from the sales group.
    Map<String, Object> form = reached("致電祝賀生日,客戶提到產線擴充計劃");
    form.put("raiseOpportunity", true);
    form.put("opportunityOwner", "xiaoyu");
    Refusal refusal = refusal(() -> complete("xiaoyu", wish, form));
    assertThat(refusal.errors()).extracting(Refusal.Error::field)
        .containsExactlyInAnyOrder("opportunityNeed", "proposedSolution", "opportunityOwner");
    assertThat(contacts.contact(careContactId(wish)).status()).isEqualTo(CareContact.OPEN);
    assertThat(opportunities.ofCustomer(customer)).isEmpty();

    form.put("opportunityNeed", "明年第二季新增兩條產線,需要控制器約20台");
    form.put("proposedSolution", "X200 控制器批量方案並含安裝調試");
    form.put("opportunityOwner", "sunli");
    form.put("customerFeedback", "對上次安裝服務很滿意");
    long wishId = careContactId(wish);
    complete("xiaoyu", wish, form);

    CareContact done = contacts.contact(wishId);
    assertThat(done.status()).isEqualTo(CareContact.DONE);
    assertThat(done.doneBy()).isEqualTo("xiaoyu");
    assertThat(done.reached()).isTrue();
    assertThat(done.channelUsed()).isEqualTo("phone");
    assertThat(done.outcome()).isEqualTo("致電祝賀生日,客戶提到產線擴充計劃");
    assertThat(files.feedbackOf(customer)).extracting(CustomerFileRepository.Feedback::note)
        .containsExactly("對上次安裝服務很滿意");

    Opportunity opportunity = opportunities.ofCustomer(customer).get(0);
    assertThat(opportunity.source()).isEqualTo(Opportunity.CARE);
    assertThat(opportunity.raisedBy()).isEqualTo("xiaoyu");
    assertThat(opportunity.owner()).isEqualTo("sunli");
    Task followUp = tasks.createTaskQuery().processInstanceId(opportunity.processInstanceId()).singleResult();
    assertThat(followUp.getTaskDefinitionKey()).isEqualTo("followUpOpportunity");
    assertThat(followUp.getAssignee()).isEqualTo("sunli");
    finishAll(run);
    assertThat(run).isEnded().hasPassed("raiseCareOpportunity", "EndEvent_CareDone");
    runtime.deleteProcessInstance(opportunity.processInstanceId(), "test done");
  }

  @Test
  void aHolidayGreetingForChineseNewYearFallsDueAsThePlanSays() {
    clock(LocalDate.of(2026, 2, 1));
    long b = customer("基隆海運股份有限公司", "B", null);
    long c = customer("宜蘭茶行", "C", null);

    clock(LocalDate.of(2026, 2, 16));
    ProcessInstance eve = runDailyTimer();
    List<Task> greetings = contactsOf(eve, b);
    assertThat(greetings).as("class B greets one day ahead").hasSize(1);
    Task greeting = greetings.get(0);
    assertThat(tasks.getVariable(greeting.getId(), "occasion")).isEqualTo("holidayGreeting");
    assertThat(tasks.getVariable(greeting.getId(), "holiday")).isEqualTo("春節");
    assertThat(tasks.getVariable(greeting.getId(), "dueOn")).isEqualTo("2026-02-17");
    assertThat(contactsOf(eve, c)).as("class C greets on the day").isEmpty();

    long greetingId = careContactId(greeting);
    Map<String, Object> form = reached("電話拜年");
    form.put("channelUsed", "sms");
    form.put("contactResult", "notReached");
    complete("zhengxin", greeting, form);
    CareContact done = contacts.contact(greetingId);
    assertThat(done.reached()).isFalse();
    assertThat(done.channelUsed()).isEqualTo("sms");
    finishAll(eve);
    assertThat(eve).isEnded().hasPassed("EndEvent_ContactDone").hasNotPassed("raiseCareOpportunity");

    clock(LocalDate.of(2026, 2, 17));
    ProcessInstance newYear = runDailyTimer();
    assertThat(contactsOf(newYear, c)).hasSize(1);
    assertThat(contactsOf(newYear, b)).as("class B was greeted the day before").isEmpty();
    finishAll(newYear);
  }

  @Test
  void periodicUsageGuidanceFallsDueEveryFewMonthsOnly() {
    clock(LocalDate.of(2021, 1, 10));
    long a = customer("台北精密科技股份有限公司", "A", null);

    clock(LocalDate.of(2021, 4, 10));
    ProcessInstance run = runDailyTimer();
    assertThat(contactsOf(run, a)).extracting(t -> tasks.getVariable(t.getId(), "occasion"))
        .containsExactlyInAnyOrder("usageGuidance", "promotionNotice");
    finishAll(run);

    clock(LocalDate.of(2021, 4, 11));
    ProcessInstance nextDay = runDailyTimer();
    assertThat(contactsOf(nextDay, a)).isEmpty();
    finishAll(nextDay);

    clock(LocalDate.of(2021, 5, 10));
    ProcessInstance monthLater = runDailyTimer();
    assertThat(contactsOf(monthLater, a)).extracting(t -> tasks.getVariable(t.getId(), "occasion"))
        .as("promotion monthly, usage guidance every three months").containsExactly("promotionNotice");
    finishAll(monthLater);
    assertThat(contacts.ofCustomer(a)).extracting(CareContact::occasion, CareContact::dueOn).containsExactly(
        org.assertj.core.groups.Tuple.tuple("usageGuidance", LocalDate.of(2021, 4, 10)),
        org.assertj.core.groups.Tuple.tuple("promotionNotice", LocalDate.of(2021, 4, 10)),
        org.assertj.core.groups.Tuple.tuple("promotionNotice", LocalDate.of(2021, 5, 10)));
  }

  private long customer(String name, String customerClass, LocalDate birthday) {
    long id = files.create(name, "王經理", "02-8888-0000", null, "zhengxin");
    files.update(id, name, "王經理", "02-8888-0000", null, birthday, null, "zhengxin");
    files.setClass(id, customerClass);
    return id;
  }

  private static void clock(LocalDate day) {
    ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(day, LocalTime.of(8, 0),
        java.time.ZoneId.of("Asia/Taipei")).toInstant()));
  }

  private ProcessInstance runDailyTimer() {
    Job timer = management.createJobQuery().processDefinitionKey("customer-care").timers().singleResult();
    assertThat(timer).as("the daily timer is scheduled").isNotNull();
    management.executeJob(timer.getId());
    String key = "CARE-" + LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), files.zone());
    List<ProcessInstance> started = runtime.createProcessInstanceQuery().processDefinitionKey("customer-care")
        .processInstanceBusinessKey(key).list();
    if (started.isEmpty()) { // nothing due: the run ended at once
      assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery()
          .processDefinitionKey("customer-care").processInstanceBusinessKey(key).count()).as("run " + key).isOne();
      return null;
    }
    assertThat(started).hasSize(1);
    return started.get(0);
  }

  private List<Task> contactsOf(ProcessInstance run, long customerId) {
    if (run == null) {
      return List.of();
    }
    return tasks.createTaskQuery().processInstanceId(run.getId()).list().stream()
        .filter(t -> contacts.contact(careContactId(t)).customerId() == customerId).toList();
  }

  private long careContactId(Task task) {
    return ((Number) tasks.getVariable(task.getId(), "careContactId")).longValue();
  }

  private void finishAll(ProcessInstance run) {
    if (run == null) {
      return;
    }
    for (Task other : tasks.createTaskQuery().processInstanceId(run.getId()).list()) {
      Map<String, Object> form = reached("未接聽");
      form.put("contactResult", "notReached");
      complete("zhengxin", other, form);
    }
  }

  private static Map<String, Object> reached(String outcome) {
    Map<String, Object> form = new HashMap<>();
    form.put("channelUsed", "phone");
    form.put("contactResult", "reached");
    form.put("outcome", outcome);
    return form;
  }

  private void complete(String user, Task task, Map<String, Object> variables) {
    as.run(user, () -> {
      if (tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee() == null) {
        tasks.claim(task.getId(), user);
      }
      tasks.complete(task.getId(), variables);
    });
  }

  static Refusal refusal(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof Refusal refusal) {
          return refusal;
        }
      }
      throw e;
    }
    throw new AssertionError("not refused");
  }
}
