package com.zhidu.platform.notification;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Traditional Chinese texts of every notification (§6.1.3), in one place so they can be reviewed and
 * changed together. Each mail names the task, its process and due date, and links to the task in Tasklist.
 */
@Component
public class NotificationTemplates {

  public enum Kind { NEW, ASSIGNED, REMINDER, OVERDUE, ESCALATION }

  /** What a mail says about a task. {@code responsible} is the assignee's display name or the group names. */
  public record TaskFacts(String taskId, String taskName, String processName, Date dueDate, String responsible) {}

  public record Mail(String subject, String body) {}

  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final String publicUrl;
  private final ZoneId zone;

  public NotificationTemplates(@Value("${zhidu.public-url}") String publicUrl,
      @Value("${zhidu.time-zone:Asia/Taipei}") ZoneId zone) {
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    this.zone = zone;
  }

  public String taskLink(String taskId) {
    return publicUrl + "/camunda/app/tasklist/default/#/?task=" + taskId;
  }

  /** How mails name a case (its root process instance): its procedure and business key, e.g. 解僱案件（DSM-5）. */
  public static String caseName(HistoricProcessInstance root) {
    String process = root.getProcessDefinitionName() != null ? root.getProcessDefinitionName()
        : root.getProcessDefinitionKey();
    String key = root.getBusinessKey();
    return key == null || key.isBlank() ? process : process + "（" + key + "）";
  }

  /** 抄送: the case was copied to the recipient, who may read it in Tasklist's 抄送給我 filter but not act on it. */
  public Mail copied(String recipientName, String copiedBy, String caseName, String reason) {
    String subject = "【制度】抄送：" + caseName;
    String body = recipientName + " 您好：\n\n" + copiedBy + " 將案件「" + caseName + "」抄送給您，供您閱知。\n抄送說明："
        + reason + "\n\n您可在制度系統的「抄送給我」中查看此案件的任務、意見與歷程（僅供閱讀，不需處理）：\n"
        + publicUrl + "/camunda/app/tasklist/default/\n\n此郵件由制度系統自動發送，請勿直接回覆。\n";
    return new Mail(subject, body);
  }

  public Mail render(Kind kind, TaskFacts t, String recipientName) {
    String name = "「" + t.taskName() + "」";
    String due = t.dueDate() == null ? "未設定" : DATE_TIME.format(Instant.ofEpochMilli(t.dueDate().getTime()).atZone(zone));
    String subject;
    String text;
    switch (kind) {
      case NEW -> {
        subject = "【制度】新任務待認領：" + t.taskName();
        text = "您所屬的群組有一項新任務" + name + "待認領（流程：" + t.processName() + "）。\n期限：" + due;
      }
      case ASSIGNED -> {
        subject = "【制度】您有一項新任務：" + t.taskName();
        text = "任務" + name + "已指派給您（流程：" + t.processName() + "）。\n期限：" + due;
      }
      case REMINDER -> {
        subject = "【制度】任務即將到期：" + t.taskName();
        text = "任務" + name + "（流程：" + t.processName() + "）將於 " + due + " 到期，請儘快處理。";
      }
      case OVERDUE -> {
        subject = "【制度】任務已逾期：" + t.taskName();
        text = "任務" + name + "（流程：" + t.processName() + "）已於 " + due + " 到期，尚未完成，請立即處理。";
      }
      case ESCALATION -> {
        subject = "【制度】逾期通報：" + t.responsible() + "的任務" + name + "已逾期";
        text = t.responsible() + "負責的任務" + name + "（流程：" + t.processName() + "）已於 " + due
            + " 到期，尚未完成。依制度 §1.3.2 通報您督導處理。";
      }
      default -> throw new IllegalArgumentException(kind.name());
    }
    String body = recipientName + " 您好：\n\n" + text + "\n\n請點選以下連結處理任務：\n" + taskLink(t.taskId())
        + "\n\n此郵件由制度系統自動發送，請勿直接回覆。\n";
    return new Mail(subject, body);
  }
}
