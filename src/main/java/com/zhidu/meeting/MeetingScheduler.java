package com.zhidu.meeting;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Starts the {@code meeting} cases of the configured series (§6.1.1, §3.2.3) when their agenda opens.
 *
 * <p>A scheduler job rather than BPMN timer start events: the series and their schedules live in
 * {@code processes/meetings.yaml} and in the organisation file (one series per sales team), and a timer start
 * event's date is fixed in the model at deployment, one event per schedule. So one generic model serves every
 * series, and a process owner changes a day or time, or a new sales team gets its meeting, without a new
 * model. Idempotent and cluster-safe: a meeting is one row unique by (series, time), inserted in the start
 * transaction; a second start of the same meeting (another node, the next scan) writes nothing.
 * Run periodically by {@link MeetingJobs}; tests call {@link #startDue()}.
 */
@Component
public class MeetingScheduler {

  private static final Logger log = LoggerFactory.getLogger(MeetingScheduler.class);
  private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmm");

  private final MeetingSchedule schedule;
  private final MeetingRepository meetings;
  private final RuntimeService runtime;

  public MeetingScheduler(MeetingSchedule schedule, MeetingRepository meetings, RuntimeService runtime) {
    this.schedule = schedule;
    this.meetings = meetings;
    this.runtime = runtime;
  }

  /** Opens every meeting whose agenda is due at the engine clock's now; returns the started cases. */
  public List<ProcessInstance> startDue() {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    List<ProcessInstance> started = new ArrayList<>();
    for (MeetingSchedule.Scheduled due : schedule.dueAt(now)) {
      if (meetings.exists(due.series().id(), due.meetingAt())) {
        continue;
      }
      String businessKey = "MTG-" + due.series().id() + "-" + KEY_TIME.format(due.meetingAt().atZone(schedule.zone()));
      try {
        started.add(runtime.startProcessInstanceByKey("meeting", businessKey, Map.of(
            "seriesId", due.series().id(), "meetingAt", Date.from(due.meetingAt()))));
        log.info("Opened meeting {}", businessKey);
      } catch (DataIntegrityViolationException e) {
        log.info("Meeting {} was opened by another node", businessKey);
      } catch (RuntimeException e) {
        if (meetings.exists(due.series().id(), due.meetingAt())) {
          log.info("Meeting {} was opened by another node", businessKey);
        } else {
          log.error("Could not open meeting {}", businessKey, e);
        }
      }
    }
    return started;
  }
}
