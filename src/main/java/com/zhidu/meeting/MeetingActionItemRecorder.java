package com.zhidu.meeting;

import com.zhidu.meeting.MeetingRepository.ActionItem;
import com.zhidu.platform.Refusal;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * 完成會議待辦事項. On create: shows the action item. On complete: only its owner closes it, with a result;
 * the item is marked done in meeting_action_item with the authenticated user (so it no longer carries over).
 */
@Component("meetingActionItemRecorder")
public class MeetingActionItemRecorder implements TaskListener {

  private final MeetingRepository meetings;

  public MeetingActionItemRecorder(MeetingRepository meetings) {
    this.meetings = meetings;
  }

  @Override
  public void notify(DelegateTask task) {
    long id = ((Number) task.getVariable("actionItemId")).longValue();
    ActionItem item = meetings.actionItem(id);
    if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      task.setVariableLocal("actionItemText", item.description() + "\n截止日期:" + item.dueDate()
          + "\n會議:" + meetings.meeting(item.meetingId()).seriesName());
      return;
    }
    Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (user == null || !item.owner().equals(user.getUserId())) {
      throw Refusal.of(403, null, "會議待辦事項只能由負責人完成。", "only the owner completes an action item");
    }
    Object result = task.getVariable("result");
    String text = result == null ? "" : result.toString().trim();
    if (text.isEmpty()) {
      throw Refusal.of(400, "result", "請填寫「完成結果」。", "result is required");
    }
    if (text.length() > 2000) {
      throw Refusal.of(400, "result", "「完成結果」不可超過2000字。", "result must be at most 2000 characters");
    }
    meetings.completeActionItem(id, text, user.getUserId());
  }
}
