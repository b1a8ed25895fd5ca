package com.zhidu.platform.deadlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.zhidu.ProcessTestExtension;
import com.zhidu.ZhiduTest;
import com.zhidu.platform.notification.OutboxSender;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Due dates, reminders, escalation and the mail outbox on the fixture process (§1.3.2, §6.1.3), with an
 * in-process SMTP server (GreenMail) and the engine clock moved by the test.
 */
@ZhiduTest
class DeadlineNotificationTest {

  @RegisterExtension
  static final ProcessTestExtension processTest = ProcessTestExtension.withoutCoverageGate();

  static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
  static final String PROCESS = "deadline-fixture";
  // marketResearch members and head, from organization.yaml
  static final List<String> MARKET_RESEARCH = List.of("lina@zhidu.example", "chenjing@zhidu.example",
      "liuyang@zhidu.example");
  static final String MARKET_RESEARCH_HEAD = "chenjing@zhidu.example";

  static GreenMail smtp;

  @Autowired RuntimeService runtimeService;
  @Autowired IdentityService identityService;
  @Autowired TaskService taskService;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired JavaMailSenderImpl mailSender;
  @Autowired OutboxSender sender;
  @Autowired DeadlineWatcher watcher;
  @Autowired DeadlineConfig config;
  @Autowired WorkingDayCalendar calendar;

  @BeforeAll
  static void startSmtp() {
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
  }

  @AfterAll
  static void stopSmtp() {
    smtp.stop();
  }

  @BeforeEach
  void reset() throws Exception {
    mailSender.setPort(smtp.getSmtp().getPort());
    smtp.purgeEmailFromAllMailboxes();
    // Other suites share this context and queue mails of their own: start from an empty outbox.
    jdbc.update("delete from mail_outbox");
    // Monday 2 March 2026, 09:00 in Taipei.
    ClockUtil.setCurrentTime(at("2026-03-02T09:00"));
  }

  @AfterEach
  void cleanUp() {
    // Open fixture tasks would otherwise be seen by the next test's scans.
    runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS).list()
        .forEach(p -> runtimeService.deleteProcessInstance(p.getId(), "test cleanup"));
  }

  @Test
  void newTaskGetsItsDueDateFromConfigurationAndMailsTheCandidateGroup() throws Exception {
    String instance = start();
    Task prepare = task(instance, "prepare");

    int days = config.rulesFor(PROCESS, "prepare").due();
    assertThat(prepare.getDueDate()).isEqualTo(Date.from(calendar.dueDate(at("2026-03-02T09:00").toInstant(), days)));
    // With the shipped default (3 working days): Thursday 18:00.
    assertThat(days).isEqualTo(3);
    assertThat(prepare.getDueDate()).isEqualTo(at("2026-03-05T18:00"));

    assertThat(sender.sendDue()).isEqualTo(3);
    MimeMessage[] mails = smtp.getReceivedMessages();
    assertThat(recipients(mails)).containsExactlyInAnyOrderElementsOf(MARKET_RESEARCH);
    for (MimeMessage mail : mails) {
      assertThat(mail.getSubject()).isEqualTo("【制度】新任務待認領：準備資料");
      assertThat(body(mail)).contains("準備資料", "期限測試流程", "2026-03-05 18:00",
          "http://localhost:8080/camunda/app/tasklist/default/#/?task=" + prepare.getId());
      assertThat(mail.getHeader(OutboxSender.IDEMPOTENCY_HEADER)).hasSize(1);
    }
    // Sending again sends nothing more.
    assertThat(sender.sendDue()).isZero();
    assertThat(smtp.getReceivedMessages()).hasSize(3);
  }

  @Test
  void aDueDateFromTheBpmnIsKeptAndTheAssigneeIsMailed() throws Exception {
    String instance = start();
    taskService.complete(task(instance, "prepare").getId());
    Task review = task(instance, "review");

    assertThat(review.getAssignee()).isEqualTo("zhaolei");
    assertThat(review.getDueDate()).isEqualTo(at("2026-03-20T12:00"));
    sender.sendDue();
    List<MimeMessage> toAssignee = to("zhaolei@zhidu.example");
    assertThat(toAssignee).hasSize(1);
    assertThat(toAssignee.get(0).getSubject()).isEqualTo("【制度】您有一項新任務：審核資料");
    assertThat(body(toAssignee.get(0))).contains("2026-03-20 12:00", "?task=" + review.getId());
  }

  @Test
  void claimingOneselfMailsNobodyButAssigningSomeoneElseMailsThem() throws Exception {
    String instance = start();
    Task prepare = task(instance, "prepare");
    jdbc.update("delete from mail_outbox");
    identityService.setAuthentication("chenjing", List.of("marketResearch"));
    try {
      taskService.claim(prepare.getId(), "chenjing");
    } finally {
      identityService.clearAuthentication();
    }
    assertThat(taskService.createTaskQuery().taskId(prepare.getId()).singleResult().getAssignee()).isEqualTo("chenjing");
    assertThat(jdbc.queryForObject("select count(*) from mail_outbox", Integer.class)).isZero();
    // Reassigned by someone else (here the engine itself, e.g. an administrator's tool): the new assignee is told.
    taskService.setAssignee(prepare.getId(), "liuyang");
    sender.sendDue();
    assertThat(recipients(smtp.getReceivedMessages())).containsExactly("liuyang@zhidu.example");
    assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("【制度】您有一項新任務：準備資料");
  }

  @Test
  void reminderAndEscalationFireAtTheConfiguredTimesOnceAndLeaveTheTaskOpen() throws Exception {
    String instance = start();
    Task prepare = task(instance, "prepare");
    sender.sendDue();
    smtp.purgeEmailFromAllMailboxes();
    assertThat(config.rulesFor(PROCESS, "prepare").reminder()).isEqualTo(1);

    // Reminder one working day before the due date (Thursday 18:00): Wednesday 18:00.
    ClockUtil.setCurrentTime(at("2026-03-04T17:59"));
    assertThat(noticesFor(prepare.getId())).isEmpty();
    watcher.scan();
    assertThat(noticesFor(prepare.getId())).isEmpty();
    ClockUtil.setCurrentTime(at("2026-03-04T18:01"));
    watcher.scan();
    watcher.scan(); // a second scan raises nothing more
    assertThat(noticesFor(prepare.getId())).containsExactly("reminder");
    assertThat(sender.sendDue()).isEqualTo(3);
    MimeMessage[] reminders = smtp.getReceivedMessages();
    assertThat(recipients(reminders)).containsExactlyInAnyOrderElementsOf(MARKET_RESEARCH);
    assertThat(reminders[0].getSubject()).isEqualTo("【制度】任務即將到期：準備資料");
    assertThat(body(reminders[0])).contains("?task=" + prepare.getId());
    smtp.purgeEmailFromAllMailboxes();

    // Not overdue at the due time; overdue right after it.
    ClockUtil.setCurrentTime(at("2026-03-05T17:59"));
    watcher.scan();
    assertThat(noticesFor(prepare.getId())).containsExactly("reminder");
    ClockUtil.setCurrentTime(at("2026-03-05T18:01"));
    watcher.scan();
    watcher.scan();
    assertThat(noticesFor(prepare.getId())).containsExactlyInAnyOrder("reminder", "overdue");
    assertThat(sender.sendDue()).isEqualTo(4);
    assertThat(sender.sendDue()).isZero();
    MimeMessage[] overdue = smtp.getReceivedMessages();
    assertThat(Arrays.stream(overdue).filter(m -> subject(m).equals("【制度】任務已逾期：準備資料")).map(m -> recipient(m)))
        .containsExactlyInAnyOrderElementsOf(MARKET_RESEARCH);
    List<MimeMessage> escalations = Arrays.stream(overdue).filter(m -> subject(m).startsWith("【制度】逾期通報")).toList();
    assertThat(escalations).hasSize(1);
    assertThat(recipient(escalations.get(0))).isEqualTo(MARKET_RESEARCH_HEAD);
    assertThat(subject(escalations.get(0))).isEqualTo("【制度】逾期通報：市場調研組的任務「準備資料」已逾期");

    // Still open, shown as overdue (due date in the past) and with a raised priority.
    Task still = taskService.createTaskQuery().taskId(prepare.getId()).singleResult();
    assertThat(still).isNotNull();
    assertThat(taskService.createTaskQuery().taskId(prepare.getId()).dueBefore(ClockUtil.getCurrentTime()).count())
        .isEqualTo(1);
    assertThat(still.getPriority()).isEqualTo(config.overduePriority()).isGreaterThan(50);
  }

  @Test
  void anOverdueAssignedTaskEscalatesToTheAssigneesLineManager() throws Exception {
    String instance = start();
    taskService.complete(task(instance, "prepare").getId());
    Task review = task(instance, "review");
    ClockUtil.setCurrentTime(at("2026-03-20T12:01"));
    watcher.scan();
    sender.sendDue();
    // zhaolei's line manager is wangfang.
    assertThat(to("wangfang@zhidu.example")).singleElement()
        .satisfies(m -> assertThat(m.getSubject()).isEqualTo("【制度】逾期通報：趙磊的任務「審核資料」已逾期"))
        .satisfies(m -> assertThat(body(m)).contains("?task=" + review.getId()));
    assertThat(to("zhaolei@zhidu.example")).extracting(DeadlineNotificationTest::subject)
        .contains("【制度】任務已逾期：審核資料");
  }

  @Test
  void anOverdueTaskOutsideAnyProcessIsSkippedAndDoesNotStopTheScan() throws Exception {
    String instance = start();
    taskService.complete(task(instance, "prepare").getId());
    Task review = task(instance, "review");
    // A 加簽 sub-task carries its parent's due date but belongs to no process (no deadline rules of its own).
    Task sign = taskService.newTask();
    sign.setParentTaskId(review.getId());
    sign.setName("加簽：" + review.getName());
    sign.setAssignee("hejun");
    sign.setDueDate(review.getDueDate());
    taskService.saveTask(sign);
    try {
      ClockUtil.setCurrentTime(at("2026-03-20T12:01"));
      watcher.scan();
      sender.sendDue();
      assertThat(to("zhaolei@zhidu.example")).extracting(DeadlineNotificationTest::subject)
          .as("the process task still gets its notice").contains("【制度】任務已逾期：審核資料");
      assertThat(to("hejun@zhidu.example")).isEmpty();
    } finally {
      taskService.deleteTask(sign.getId(), true);
    }
  }

  @Test
  void aRolledBackTaskCreationQueuesAndSendsNothing() {
    TransactionTemplate transaction = new TransactionTemplate(transactionManager);
    assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
      start();
      // The task and its outbox rows exist inside the transaction ...
      assertThat(jdbc.queryForObject("select count(*) from mail_outbox", Integer.class)).isEqualTo(3);
      throw new IllegalStateException("a later step fails");
    })).hasMessage("a later step fails");

    assertThat(jdbc.queryForObject("select count(*) from mail_outbox", Integer.class)).isZero();
    assertThat(sender.sendDue()).isZero();
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void anSmtpOutageLosesNothingAndTheRetrySendsEachMailOnce() throws Exception {
    start();
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    mailSender.setPort(closedPort);
    assertThat(sender.sendDue()).isZero();
    assertThat(jdbc.queryForList("select status, attempts from mail_outbox"))
        .hasSize(3).allSatisfy(row -> {
          assertThat(row.get("STATUS")).isEqualTo("pending");
          assertThat(((Number) row.get("ATTEMPTS")).intValue()).isEqualTo(1);
        });

    mailSender.setPort(smtp.getSmtp().getPort());
    // The next attempt waits for the backoff (1 minute after the first failure).
    assertThat(sender.sendDue()).isZero();
    ClockUtil.setCurrentTime(at("2026-03-02T09:01:30"));
    assertThat(sender.sendDue()).isEqualTo(3);
    ClockUtil.setCurrentTime(at("2026-03-02T10:00"));
    assertThat(sender.sendDue()).isZero();

    assertThat(recipients(smtp.getReceivedMessages())).containsExactlyInAnyOrderElementsOf(MARKET_RESEARCH);
    assertThat(jdbc.queryForList("select status, attempts from mail_outbox"))
        .allSatisfy(row -> {
          assertThat(row.get("STATUS")).isEqualTo("sent");
          assertThat(((Number) row.get("ATTEMPTS")).intValue()).isEqualTo(2);
        });
  }

  // --- helpers

  String start() {
    return runtimeService.startProcessInstanceByKey(PROCESS,
        Map.of("reviewDue", at("2026-03-20T12:00"))).getId();
  }

  Task task(String instance, String key) {
    return taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey(key).singleResult();
  }

  List<String> noticesFor(String taskId) {
    return jdbc.queryForList("select kind from task_deadline_notice where task_id = ?", String.class, taskId);
  }

  List<MimeMessage> to(String address) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipient(m).equals(address)).toList();
  }

  static Date at(String taipeiLocal) {
    String text = taipeiLocal.length() == 16 ? taipeiLocal + ":00" : taipeiLocal;
    Instant instant = LocalDateTime.parse(text).atZone(TAIPEI).toInstant();
    return Date.from(instant);
  }

  static List<String> recipients(MimeMessage[] mails) {
    return Arrays.stream(mails).map(DeadlineNotificationTest::recipient).toList();
  }

  static String recipient(MimeMessage mail) {
    try {
      return mail.getRecipients(Message.RecipientType.TO)[0].toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String subject(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String body(MimeMessage mail) {
    try {
      return (String) mail.getContent();
    } catch (Exception e) {
      return GreenMailUtil.getBody(mail);
    }
  }
}
