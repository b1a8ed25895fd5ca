package com.zhidu.meeting;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 無議題,登記未召開: nothing was proposed and nothing carried over; the meeting is recorded as such. */
@Component("closeMeetingWithoutAgenda")
public class CloseMeetingWithoutAgendaDelegate implements JavaDelegate {

  private final MeetingRepository meetings;

  public CloseMeetingWithoutAgendaDelegate(MeetingRepository meetings) {
    this.meetings = meetings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    meetings.markNoAgenda(((Number) execution.getVariable("meetingId")).longValue());
  }
}
