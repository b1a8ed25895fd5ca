package com.zhidu.meeting;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The meetings file ({@code processes/meetings.yaml}): the series of the generic {@code meeting} procedure.
 * {@link #read} refuses unknown keys and impossible values with a message naming the entry, so a typo stops
 * the start-up instead of silently dropping a meeting.
 */
public record MeetingConfig(List<Series> series, SalesTeamMeetings salesTeamMeetings) {

  private static final Pattern ID = Pattern.compile("[a-zA-Z0-9]+");

  /** One configured series. chair/secretary: a user id, {@code head:<group>} or {@code meetingSecretary}. */
  public record Series(String id, String name, String clause, DayOfWeek day, LocalTime time, Integer agendaLeadDays,
      List<String> participantGroups, String chair, String secretary) {}

  /** One series per sales team of the organisation file, with these common settings. */
  public record SalesTeamMeetings(String name, String clause, DayOfWeek day, LocalTime time, Integer agendaLeadDays) {}

  public MeetingConfig {
    series = series == null ? List.of() : List.copyOf(series);
  }

  public static MeetingConfig read(InputStream in, String source) {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
        .registerModule(new JavaTimeModule())
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    MeetingConfig config;
    try {
      config = yaml.readValue(in, MeetingConfig.class);
    } catch (IOException e) {
      throw new IllegalStateException("The meetings file " + source + " cannot be read: " + e.getMessage(), e);
    }
    if (config == null) {
      throw new IllegalStateException("The meetings file " + source + " is empty");
    }
    List<String> problems = config.problems();
    if (!problems.isEmpty()) {
      throw new IllegalStateException("The meetings file " + source + " is invalid: " + String.join("; ", problems));
    }
    return config;
  }

  List<String> problems() {
    List<String> problems = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      String at = "series[" + i + "]";
      if (s == null) {
        problems.add(at + " is empty");
        continue;
      }
      if (s.id() == null || !ID.matcher(s.id()).matches()) problems.add(at + ".id must be letters and digits");
      else if (!ids.add(s.id())) problems.add(at + ".id " + s.id() + " is listed twice");
      common(at, s.name(), s.day(), s.time(), s.agendaLeadDays(), problems);
      if (s.participantGroups() == null || s.participantGroups().isEmpty()) {
        problems.add(at + ".participantGroups is missing");
      }
      if (s.chair() == null || s.chair().isBlank()) problems.add(at + ".chair is missing");
      if (s.secretary() == null || s.secretary().isBlank()) problems.add(at + ".secretary is missing");
    }
    if (salesTeamMeetings != null) {
      SalesTeamMeetings t = salesTeamMeetings;
      common("salesTeamMeetings", t.name(), t.day(), t.time(), t.agendaLeadDays(), problems);
    }
    return problems;
  }

  private static void common(String at, String name, DayOfWeek day, LocalTime time, Integer lead, List<String> problems) {
    if (name == null || name.isBlank()) problems.add(at + ".name is missing");
    if (day == null) problems.add(at + ".day is missing (MONDAY … SUNDAY)");
    if (time == null) problems.add(at + ".time is missing (HH:mm)");
    if (lead == null || lead < 1 || lead > 6) problems.add(at + ".agendaLeadDays must be 1..6");
  }
}
