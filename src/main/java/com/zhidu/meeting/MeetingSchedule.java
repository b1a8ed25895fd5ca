package com.zhidu.meeting;

import com.zhidu.organization.OrganizationFile.SalesTeamEntry;
import com.zhidu.organization.OrganizationService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The meeting series of {@code processes/meetings.yaml}, resolved against the organisation file: who takes
 * part, who chairs and who records the minutes, and when the next meeting is. Registered as
 * {@code meetingSchedule}. A series naming an unknown group or user stops the start-up.
 */
@Component("meetingSchedule")
public class MeetingSchedule {

  public static final String MEETING_SECRETARY = "meetingSecretary";
  public static final String HEAD = "head:";

  /** A series with its people resolved. */
  public record Series(String id, String name, String clause, DayOfWeek day, LocalTime time, int agendaLeadDays,
      List<String> participants, String chair, String secretary) {

    /** The first meeting of this series at or after {@code from}. */
    public ZonedDateTime nextMeetingAtOrAfter(ZonedDateTime from) {
      ZonedDateTime candidate = from.with(TemporalAdjusters.nextOrSame(day)).with(time).withSecond(0).withNano(0);
      return candidate.isBefore(from) ? candidate.plusWeeks(1) : candidate;
    }
  }

  private final List<Series> series;
  private final ZoneId zone;
  private final OrganizationService organization;
  /** The groups (or sales team) whose members take part, per series id. */
  private final java.util.Map<String, List<String>> participantGroups = new java.util.HashMap<>();

  @Autowired
  public MeetingSchedule(@Value("${zhidu.meetings.location:classpath:processes/meetings.yaml}") Resource location,
      OrganizationService organization, @Value("${zhidu.time-zone:Asia/Taipei}") ZoneId zone) {
    this(read(location), organization, zone);
  }

  public MeetingSchedule(MeetingConfig config, OrganizationService organization, ZoneId zone) {
    this.zone = zone;
    this.organization = organization;
    this.series = resolve(config, organization);
    config.series().forEach(s -> participantGroups.put(s.id(), List.copyOf(s.participantGroups())));
    if (config.salesTeamMeetings() != null) {
      organization.file().salesTeams().forEach(t -> participantGroups.put(t.id(), List.of(t.id())));
    }
  }

  /**
   * The series with its participants as the organisation has them now (employees hired since start-up
   * included): for opening a meeting. One query per participant group.
   */
  public Series current(String seriesId) {
    Series s = get(seriesId);
    LinkedHashSet<String> participants = new LinkedHashSet<>();
    participantGroups.getOrDefault(seriesId, List.of()).forEach(g -> participants.addAll(organization.membersOf(g)));
    return new Series(s.id(), s.name(), s.clause(), s.day(), s.time(), s.agendaLeadDays(), List.copyOf(participants),
        s.chair(), s.secretary());
  }

  public List<Series> series() {
    return series;
  }

  public Optional<Series> find(String seriesId) {
    return series.stream().filter(s -> s.id().equals(seriesId)).findFirst();
  }

  public Series get(String seriesId) {
    return find(seriesId).orElseThrow(() -> new IllegalArgumentException("No meeting series " + seriesId));
  }

  public ZoneId zone() {
    return zone;
  }

  /** The meetings whose agenda opens at {@code now}: next meeting of each series within its lead days. */
  public List<Scheduled> dueAt(Instant now) {
    ZonedDateTime at = now.atZone(zone);
    List<Scheduled> due = new ArrayList<>();
    for (Series s : series) {
      ZonedDateTime next = s.nextMeetingAtOrAfter(at);
      if (!next.minusDays(s.agendaLeadDays()).isAfter(at)) {
        due.add(new Scheduled(s, next.toInstant()));
      }
    }
    return due;
  }

  /** A meeting to open: its series and its start time. */
  public record Scheduled(Series series, Instant meetingAt) {}

  private static List<Series> resolve(MeetingConfig config, OrganizationService organization) {
    List<Series> resolved = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (MeetingConfig.Series s : config.series()) {
      LinkedHashSet<String> participants = new LinkedHashSet<>();
      for (String group : s.participantGroups()) {
        List<String> members = organization.membersOf(group);
        if (members.isEmpty()) problems.add("series " + s.id() + ": group " + group + " has no members");
        participants.addAll(members);
      }
      String chair = person(s.chair(), organization, "series " + s.id() + ".chair", problems);
      String secretary = person(s.secretary(), organization, "series " + s.id() + ".secretary", problems);
      resolved.add(new Series(s.id(), s.name(), s.clause(), s.day(), s.time(), s.agendaLeadDays(),
          List.copyOf(participants), chair, secretary));
    }
    MeetingConfig.SalesTeamMeetings teams = config.salesTeamMeetings();
    if (teams != null) {
      for (SalesTeamEntry team : organization.file().salesTeams()) {
        if (resolved.stream().anyMatch(r -> r.id().equals(team.id()))) {
          problems.add("series " + team.id() + " is both listed and a sales team");
        }
        resolved.add(new Series(team.id(), teams.name() + "(" + team.name() + ")", teams.clause(), teams.day(),
            teams.time(), teams.agendaLeadDays(), List.copyOf(new LinkedHashSet<>(team.members())), team.leader(),
            team.leader()));
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("The meetings file is invalid: " + String.join("; ", problems));
    }
    return List.copyOf(resolved);
  }

  private static String person(String spec, OrganizationService organization, String at, List<String> problems) {
    String user;
    if (MEETING_SECRETARY.equals(spec)) {
      user = organization.meetingSecretary();
    } else if (spec.startsWith(HEAD)) {
      user = organization.headOf(spec.substring(HEAD.length()));
    } else {
      user = spec;
    }
    if (user == null || organization.user(user).isEmpty()) {
      problems.add(at + " " + spec + " is not a user of the organisation file");
    }
    return user;
  }

  private static MeetingConfig read(Resource location) {
    try (InputStream in = location.getInputStream()) {
      return MeetingConfig.read(in, location.getDescription());
    } catch (IOException e) {
      throw new UncheckedIOException("The meetings file " + location.getDescription() + " cannot be opened", e);
    }
  }
}
