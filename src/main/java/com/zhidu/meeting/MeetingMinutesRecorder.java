package com.zhidu.meeting;

import com.zhidu.organization.OrganizationService;
import com.zhidu.platform.Refusal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * 記錄會議紀要. On create: shows the agenda. On complete: only the meeting's secretary (from the meeting row,
 * resolved from the meetings and organisation files) records the minutes; the action items, one per line
 * {@code owner | YYYY-MM-DD | description}, are checked (known user, due date not in the past, a description)
 * and stored in meeting_action_item together with the minutes, or the whole completion is refused naming
 * {@code actionItems} and nothing is written.
 */
@Component("meetingMinutesRecorder")
public class MeetingMinutesRecorder implements TaskListener {

  public static final String MINUTES = "minutes";
  public static final String ACTION_ITEMS = "actionItems";

  /** One parsed action item line. */
  public record Item(String owner, LocalDate due, String description) {}

  private final MeetingRepository meetings;
  private final OrganizationService organization;
  private final ZoneId zone;

  public MeetingMinutesRecorder(MeetingRepository meetings, OrganizationService organization,
      @Value("${zhidu.time-zone:Asia/Taipei}") ZoneId zone) {
    this.meetings = meetings;
    this.organization = organization;
    this.zone = zone;
  }

  @Override
  public void notify(DelegateTask task) {
    long meetingId = ((Number) task.getVariable("meetingId")).longValue();
    if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      task.setVariableLocal("seriesName", task.getVariable("seriesName"));
      task.setVariableLocal("currentAgenda", meetings.agendaText(meetingId));
      return;
    }
    MeetingRepository.Meeting meeting = meetings.meeting(meetingId);
    Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (user == null || !meeting.secretary().equals(user.getUserId())) {
      throw Refusal.of(403, null, "會議紀要只能由本會議的秘書(" + meeting.secretary() + ")記錄。",
          "only the meeting's secretary records the minutes");
    }
    Object minutesValue = task.getVariable(MINUTES);
    String minutes = minutesValue == null ? "" : minutesValue.toString().trim();
    if (minutes.isEmpty()) {
      throw Refusal.of(400, MINUTES, "請填寫「會議紀要」。", "minutes are required");
    }
    Object itemsValue = task.getVariable(ACTION_ITEMS);
    List<Item> items = parse(itemsValue == null ? "" : itemsValue.toString(), LocalDate.ofInstant(
        ClockUtil.getCurrentTime().toInstant(), zone));
    meetings.recordMinutes(meetingId, minutes, user.getUserId());
    for (Item item : items) {
      meetings.addActionItem(meetingId, meeting.seriesId(), item.owner(), item.due(), item.description(),
          user.getUserId());
    }
  }

  /** Parses the action item lines; any bad line refuses the whole text naming {@code actionItems}. */
  public List<Item> parse(String text, LocalDate today) {
    List<Item> items = new ArrayList<>();
    List<Refusal.Error> errors = new ArrayList<>();
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.isEmpty()) {
        continue;
      }
      String at = "第 " + (i + 1) + " 行";
      String[] parts = line.split("\\|", 3);
      if (parts.length != 3) {
        errors.add(new Refusal.Error(ACTION_ITEMS, "「待辦事項」" + at + "格式應為「負責人帳號 | 截止日期 | 事項」",
            "actionItems line " + (i + 1) + " must be 'owner | YYYY-MM-DD | description'"));
        continue;
      }
      String owner = parts[0].trim();
      String description = parts[2].trim();
      if (organization.user(owner).isEmpty()) {
        errors.add(new Refusal.Error(ACTION_ITEMS, "「待辦事項」" + at + "的負責人 " + owner + " 不是本部門的使用者",
            "actionItems line " + (i + 1) + ": owner " + owner + " is not a user of the organisation"));
      }
      LocalDate due = null;
      try {
        due = LocalDate.parse(parts[1].trim());
        if (due.isBefore(today)) {
          errors.add(new Refusal.Error(ACTION_ITEMS, "「待辦事項」" + at + "的截止日期 " + due + " 已經過去",
              "actionItems line " + (i + 1) + ": due date " + due + " is in the past"));
        }
      } catch (DateTimeParseException e) {
        errors.add(new Refusal.Error(ACTION_ITEMS, "「待辦事項」" + at + "的截止日期應為 YYYY-MM-DD",
            "actionItems line " + (i + 1) + ": due date must be YYYY-MM-DD"));
      }
      if (description.isEmpty() || description.length() > 1000) {
        errors.add(new Refusal.Error(ACTION_ITEMS, "「待辦事項」" + at + "的事項必須填寫(最多1000字)",
            "actionItems line " + (i + 1) + ": description is required (at most 1000 characters)"));
      }
      items.add(new Item(owner, due, description));
    }
    if (!errors.isEmpty()) {
      throw new Refusal(400, errors);
    }
    return items;
  }
}
