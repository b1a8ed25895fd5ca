package com.zhidu.platform.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.zhidu.AsUser;
import com.zhidu.ZhiduTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The per-user daily digest, set through its endpoint, delivered to an in-process SMTP server (GreenMail). */
@ZhiduTest
class DailyDigestTest {

  static GreenMail smtp;

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired JdbcTemplate jdbc;
  @Autowired JavaMailSenderImpl mailSender;
  @Autowired OutboxSender sender;
  @Autowired DailyDigest digest;
  @Autowired MailOutbox outbox;
  @Autowired TestRestTemplate rest;

  String first;
  String second;

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
    jdbc.update("delete from mail_outbox");
    jdbc.update("delete from daily_digest_sent");
    jdbc.update("delete from user_notification_setting");
  }

  @AfterEach
  void cleanUp() {
    for (String pi : new String[] {first, second}) {
      if (pi != null && runtime.createProcessInstanceQuery().processInstanceId(pi).count() > 0) {
        runtime.deleteProcessInstance(pi, "test cleanup");
      }
    }
    jdbc.update("delete from user_notification_setting");
  }

  @Test
  void aDigestUserGetsOneMailADayInsteadOfOneMailPerTask() throws Exception {
    assertThat(settings("chenjing", HttpMethod.GET, null).getBody()).contains("\"dailyDigest\":false");
    assertThat(settings("chenjing", HttpMethod.PUT, Map.of("dailyDigest", true)).getBody())
        .contains("\"dailyDigest\":true");

    // Two new drafts for marketResearch: colleagues are mailed per task, chenjing is not.
    first = start("摘要測試一");
    second = start("摘要測試二");
    String overdue = tasks.createTaskQuery().processInstanceId(first).singleResult().getId();
    String open = tasks.createTaskQuery().processInstanceId(second).singleResult().getId();
    tasks.setDueDate(overdue, new Date(System.currentTimeMillis() - 86_400_000L));
    tasks.setDueDate(open, new Date(System.currentTimeMillis() + 5 * 86_400_000L));
    assertThat(jdbc.queryForList("select distinct user_id from mail_outbox where kind = 'new'", String.class))
        .contains("liuyang").doesNotContain("chenjing");

    assertThat(digest.send(LocalDate.now())).isEqualTo(1);
    assertThat(digest.send(LocalDate.now())).as("once a day").isZero();
    jdbc.update("delete from mail_outbox where kind <> 'digest'");
    sender.sendDue();

    MimeMessage[] mails = smtp.getReceivedMessages();
    assertThat(mails).hasSize(1);
    assertThat(mails[0].getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo("chenjing@zhidu.example");
    assertThat(mails[0].getSubject()).startsWith("【制度】每日待辦摘要：").contains("項已逾期");
    String text = (String) mails[0].getContent();
    assertThat(text).contains(overdue).contains(open).contains("【已逾期】");
    assertThat(text.indexOf(overdue)).as("overdue first").isLessThan(text.indexOf(open));
  }

  @Test
  void switchingBackRestoresPerTaskMailsAndBadInputIsRefused() {
    settings("liuyang", HttpMethod.PUT, Map.of("dailyDigest", true));
    assertThat(settings("liuyang", HttpMethod.PUT, Map.of("digest", "yes")).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(settings("liuyang", HttpMethod.PUT, Map.of("dailyDigest", false)).getBody())
        .contains("\"dailyDigest\":false");
    assertThat(rest.getForEntity("/zhidu/api/me/notification-settings", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);

    first = start("逐項通知");
    assertThat(jdbc.queryForList("select distinct user_id from mail_outbox where kind = 'new'", String.class))
        .contains("liuyang", "chenjing");
    assertThat(digest.send(LocalDate.now())).as("nobody chose the digest").isZero();
  }

  @Test
  void aCaseCopiedToADigestUserIsLeftToTheDigestButEscalationsAndUrgesStillMail() {
    NotificationTemplates.Mail mail = new NotificationTemplates.Mail("【制度】抄送", "內容");
    settings("chenjing", HttpMethod.PUT, Map.of("dailyDigest", true));
    assertThat(outbox.enqueueCopied("chenjing", mail)).as("left to the digest").isFalse();
    assertThat(outbox.enqueueCopied("liuyang", mail)).isTrue();
    assertThat(outbox.enqueue("chenjing", mail, null, "urge")).as("an urge is mailed at once").isTrue();
    outbox.enqueue(NotificationTemplates.Kind.ESCALATION, facts(), "chenjing");
    outbox.enqueue(NotificationTemplates.Kind.OVERDUE, facts(), "chenjing");
    assertThat(jdbc.queryForList("select kind from mail_outbox where user_id = 'chenjing' order by id", String.class))
        .containsExactly("urge", "escalation");

    settings("chenjing", HttpMethod.PUT, Map.of("dailyDigest", false));
    assertThat(outbox.enqueueCopied("chenjing", mail)).isTrue();
  }

  private static NotificationTemplates.TaskFacts facts() {
    return new NotificationTemplates.TaskFacts("task-1", "審核", "測試流程", null, "陳靜");
  }

  private String start(String title) {
    return new AsUser(identity).call("lina", () -> runtime.startProcessInstanceByKey("four-eyes-fixture",
        Map.of("title", title, "author", "lina")).getId());
  }

  private ResponseEntity<String> settings(String user, HttpMethod method, Object body) {
    return rest.withBasicAuth(user, user).exchange("/zhidu/api/me/notification-settings", method,
        new HttpEntity<>(body), String.class);
  }
}
