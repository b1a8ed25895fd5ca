package com.zhidu.meeting;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Meetings, their agenda and action items: the source of truth for who proposed, who recorded the minutes
 * and who closed an action item. Registered as {@code meetingRepository} so the BPMN can ask it (the
 * participants of 提出議題, the secretary of 記錄會議紀要, the owners of 會議待辦事項). Joins the engine's
 * transaction.
 */
@Repository("meetingRepository")
public class MeetingRepository {

  public static final String AGENDA = "agenda";
  public static final String HELD = "held";
  public static final String NO_AGENDA = "noAgenda";
  public static final String OPEN = "open";
  public static final String DONE = "done";

  public record Meeting(long id, String seriesId, String seriesName, Instant meetingAt, String processInstanceId,
      String chair, String secretary, List<String> participants, String status, String minutes, String minutesBy) {}

  public record AgendaItem(long id, long meetingId, String text, String proposedBy, Long carriedActionItemId) {}

  public record ActionItem(long id, long meetingId, String seriesId, String owner, LocalDate dueDate,
      String description, String status, String result, String doneBy, String createdBy) {}

  private final JdbcTemplate jdbc;
  private final ZoneId zone;

  public MeetingRepository(JdbcTemplate jdbc, @Value("${zhidu.time-zone:Asia/Taipei}") ZoneId zone) {
    this.jdbc = jdbc;
    this.zone = zone;
  }

  /** Creates the meeting once per process instance; a second meeting of a series at one time is refused by the database. */
  public long createOnce(String processInstanceId, MeetingSchedule.Series series, Instant meetingAt) {
    Optional<Meeting> existing = findByProcess(processInstanceId);
    if (existing.isPresent()) {
      return existing.get().id();
    }
    jdbc.update("insert into meeting (series_id, series_name, meeting_at, process_instance_id, chair, secretary,"
            + " participants, status, created_at) values (?,?,?,?,?,?,?,?,?)",
        series.id(), series.name(), Timestamp.from(meetingAt), processInstanceId, series.chair(), series.secretary(),
        String.join(",", series.participants()), AGENDA, now());
    return findByProcess(processInstanceId).orElseThrow().id();
  }

  public boolean exists(String seriesId, Instant meetingAt) {
    Integer n = jdbc.queryForObject("select count(*) from meeting where series_id = ? and meeting_at = ?",
        Integer.class, seriesId, Timestamp.from(meetingAt));
    return n != null && n > 0;
  }

  public Optional<Meeting> findByProcess(String processInstanceId) {
    return jdbc.query("select * from meeting where process_instance_id = ?", (rs, row) -> meeting(rs), processInstanceId)
        .stream().findFirst();
  }

  public Meeting meeting(long meetingId) {
    return jdbc.queryForObject("select * from meeting where id = ?", (rs, row) -> meeting(rs), meetingId);
  }

  public List<String> participantsOf(long meetingId) {
    return meeting(meetingId).participants();
  }

  public String secretaryOf(long meetingId) {
    return meeting(meetingId).secretary();
  }

  /** Puts every open action item of the series from earlier meetings on this meeting's agenda, once. */
  public int carryOverOpenItems(long meetingId, String seriesId) {
    List<ActionItem> open = jdbc.query("select * from meeting_action_item where series_id = ? and status = ?"
        + " and meeting_id <> ? order by id", (rs, row) -> actionItem(rs), seriesId, OPEN, meetingId);
    int carried = 0;
    for (ActionItem item : open) {
      Integer already = jdbc.queryForObject("select count(*) from meeting_agenda_item where meeting_id = ?"
          + " and carried_action_item_id = ?", Integer.class, meetingId, item.id());
      if (already != null && already > 0) {
        continue;
      }
      String text = "(待辦延續)" + item.description() + "/負責人 " + item.owner() + "/截止 " + item.dueDate();
      jdbc.update("insert into meeting_agenda_item (meeting_id, text, proposed_by, carried_action_item_id, created_at)"
          + " values (?,?,?,?,?)", meetingId, text, null, item.id(), now());
      carried++;
    }
    return carried;
  }

  public void propose(long meetingId, String text, String proposedBy) {
    jdbc.update("insert into meeting_agenda_item (meeting_id, text, proposed_by, carried_action_item_id, created_at)"
        + " values (?,?,?,?,?)", meetingId, text, proposedBy, null, now());
  }

  public List<AgendaItem> agenda(long meetingId) {
    return jdbc.query("select * from meeting_agenda_item where meeting_id = ? order by id", (rs, row) ->
        new AgendaItem(rs.getLong("id"), rs.getLong("meeting_id"), rs.getString("text"), rs.getString("proposed_by"),
            (Long) rs.getObject("carried_action_item_id", Long.class)), meetingId);
  }

  public int agendaCount(long meetingId) {
    Integer n = jdbc.queryForObject("select count(*) from meeting_agenda_item where meeting_id = ?", Integer.class, meetingId);
    return n == null ? 0 : n;
  }

  /** The agenda as numbered lines, for the forms. */
  public String agendaText(long meetingId) {
    List<AgendaItem> items = agenda(meetingId);
    if (items.isEmpty()) {
      return "(尚無議題)";
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < items.size(); i++) {
      AgendaItem item = items.get(i);
      text.append(i + 1).append(". ").append(item.text());
      if (item.proposedBy() != null) {
        text.append("(提出人:").append(item.proposedBy()).append(")");
      }
      text.append('\n');
    }
    return text.toString().trim();
  }

  public void recordMinutes(long meetingId, String minutes, String by) {
    jdbc.update("update meeting set minutes = ?, minutes_by = ?, minutes_at = ?, status = ? where id = ?",
        minutes, by, now(), HELD, meetingId);
  }

  public void markNoAgenda(long meetingId) {
    jdbc.update("update meeting set status = ? where id = ?", NO_AGENDA, meetingId);
  }

  public long addActionItem(long meetingId, String seriesId, String owner, LocalDate due, String description, String by) {
    jdbc.update("insert into meeting_action_item (meeting_id, series_id, owner, due_date, description, status,"
            + " created_by, created_at) values (?,?,?,?,?,?,?,?)",
        meetingId, seriesId, owner, Date.valueOf(due), description, OPEN, by, now());
    return jdbc.queryForObject("select max(id) from meeting_action_item where meeting_id = ?", Long.class, meetingId);
  }

  public List<ActionItem> actionItems(long meetingId) {
    return jdbc.query("select * from meeting_action_item where meeting_id = ? order by id",
        (rs, row) -> actionItem(rs), meetingId);
  }

  /** Ids of the meeting's action items, the collection of the multi-instance 會議待辦事項. */
  public List<Long> actionItemIdsOf(long meetingId) {
    return jdbc.queryForList("select id from meeting_action_item where meeting_id = ? order by id", Long.class, meetingId);
  }

  public boolean hasActionItems(long meetingId) {
    return !actionItemIdsOf(meetingId).isEmpty();
  }

  public ActionItem actionItem(long id) {
    return jdbc.queryForObject("select * from meeting_action_item where id = ?", (rs, row) -> actionItem(rs), id);
  }

  public String ownerOfActionItem(long id) {
    return actionItem(id).owner();
  }

  /** The task's due date: 18:00 (company time zone) on the action item's due day. */
  public java.util.Date dueDateOfActionItem(long id) {
    return java.util.Date.from(actionItem(id).dueDate().atTime(18, 0).atZone(zone).toInstant());
  }

  public void completeActionItem(long id, String result, String by) {
    jdbc.update("update meeting_action_item set status = ?, result = ?, done_by = ?, done_at = ? where id = ?",
        DONE, result, by, now(), id);
  }

  private static Meeting meeting(ResultSet rs) throws SQLException {
    String participants = rs.getString("participants");
    return new Meeting(rs.getLong("id"), rs.getString("series_id"), rs.getString("series_name"),
        rs.getTimestamp("meeting_at").toInstant(), rs.getString("process_instance_id"), rs.getString("chair"),
        rs.getString("secretary"), participants.isEmpty() ? List.of() : Arrays.asList(participants.split(",")),
        rs.getString("status"), rs.getString("minutes"), rs.getString("minutes_by"));
  }

  private static ActionItem actionItem(ResultSet rs) throws SQLException {
    return new ActionItem(rs.getLong("id"), rs.getLong("meeting_id"), rs.getString("series_id"), rs.getString("owner"),
        rs.getDate("due_date").toLocalDate(), rs.getString("description"), rs.getString("status"),
        rs.getString("result"), rs.getString("done_by"), rs.getString("created_by"));
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }
}
