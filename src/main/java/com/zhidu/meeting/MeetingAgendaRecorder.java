package com.zhidu.meeting;

import com.zhidu.platform.Refusal;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * 提出會議議題. On create: shows the meeting and its agenda so far. On complete: only the participant the
 * task belongs to may propose (a non-member has no task, and nobody proposes in someone else's name); a
 * non-blank item is stored in meeting_agenda_item with the authenticated user.
 */
@Component("meetingAgendaRecorder")
public class MeetingAgendaRecorder implements TaskListener {

  static final int MAX_LENGTH = 1000;

  private final MeetingRepository meetings;

  public MeetingAgendaRecorder(MeetingRepository meetings) {
    this.meetings = meetings;
  }

  @Override
  public void notify(DelegateTask task) {
    long meetingId = ((Number) task.getVariable("meetingId")).longValue();
    if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      task.setVariableLocal("seriesName", task.getVariable("seriesName"));
      task.setVariableLocal("currentAgenda", meetings.agendaText(meetingId));
      return;
    }
    String participant = String.valueOf(task.getVariable("participant"));
    Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (user == null || !participant.equals(user.getUserId())
        || !meetings.participantsOf(meetingId).contains(user.getUserId())) {
      throw Refusal.of(403, null, "只有會議參加人本人可以提出自己的議題。",
          "only the participant themself proposes agenda items");
    }
    Object item = task.getVariable("agendaItem");
    String text = item == null ? "" : item.toString().trim();
    if (text.length() > MAX_LENGTH) {
      throw Refusal.of(400, "agendaItem", "「我的議題」不可超過1000字。", "agendaItem must be at most 1000 characters");
    }
    if (!text.isEmpty()) {
      meetings.propose(meetingId, text, user.getUserId());
    }
  }
}
