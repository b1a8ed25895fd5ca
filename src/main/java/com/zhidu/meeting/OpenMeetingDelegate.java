package com.zhidu.meeting;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 開立會議與延續待辦: registers the meeting of the series at the scheduled time (people resolved from the
 * meetings file and the organisation as it is now, hired employees included, not from variables) and carries the series' open action items
 * over onto its agenda. Runs in the starting transaction: a second start for the same series and time is
 * refused by the unique (series, time) key, so several nodes never open one meeting twice.
 */
@Component("openMeeting")
public class OpenMeetingDelegate implements JavaDelegate {

  private final MeetingRepository meetings;
  private final MeetingSchedule schedule;

  public OpenMeetingDelegate(MeetingRepository meetings, MeetingSchedule schedule) {
    this.meetings = meetings;
    this.schedule = schedule;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String seriesId = (String) execution.getVariable("seriesId");
    Date meetingAt = (Date) execution.getVariable("meetingAt");
    MeetingSchedule.Series series = schedule.current(seriesId);
    long meetingId = meetings.createOnce(execution.getProcessInstanceId(), series, meetingAt.toInstant());
    meetings.carryOverOpenItems(meetingId, seriesId);
    execution.setVariable("meetingId", meetingId);
    execution.setVariable("seriesName", series.name());
  }
}
