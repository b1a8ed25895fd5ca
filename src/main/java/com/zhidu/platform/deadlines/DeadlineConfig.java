package com.zhidu.platform.deadlines;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The deadlines file ({@code processes/deadlines.yaml}, §1.3.2): due and reminder offsets in working days
 * per process and task, and the company calendar. Read once at start-up; {@link #read} refuses unknown keys
 * and impossible values with a message naming the entry, so a typo stops the start-up instead of silently
 * falling back to a default.
 */
public record DeadlineConfig(
    LocalTime dueTime,
    Integer overduePriority,
    @JsonProperty("default") Rule defaults,
    Map<String, ProcessRules> processes,
    Calendar calendar) {

  /** Working days; either may be left out to inherit from the enclosing level. */
  public record Rule(Integer due, Integer reminder) {}

  public record ProcessRules(@JsonProperty("default") Rule defaults, Map<String, Rule> tasks) {}

  public record Day(LocalDate date, String name) {}

  public record Calendar(List<Day> holidays, List<Day> workdays) {}

  /** The rule in force for one task, every value resolved. */
  public record Effective(int due, int reminder) {}

  public DeadlineConfig {
    processes = processes == null ? Map.of() : Map.copyOf(processes);
    calendar = calendar == null ? new Calendar(List.of(), List.of())
        : new Calendar(calendar.holidays() == null ? List.of() : List.copyOf(calendar.holidays()),
            calendar.workdays() == null ? List.of() : List.copyOf(calendar.workdays()));
    overduePriority = overduePriority == null ? 0 : overduePriority;
  }

  /** Task entry, then process default, then global default, field by field. */
  public Effective rulesFor(String processKey, String taskKey) {
    ProcessRules process = processKey == null ? null : processes.get(processKey);
    Rule task = process == null || process.tasks() == null || taskKey == null ? null : process.tasks().get(taskKey);
    Rule processDefault = process == null ? null : process.defaults();
    return new Effective(
        first(task == null ? null : task.due(), processDefault == null ? null : processDefault.due(), defaults.due()),
        first(task == null ? null : task.reminder(), processDefault == null ? null : processDefault.reminder(),
            defaults.reminder()));
  }

  /** The largest reminder offset anywhere, so a scan knows how far ahead to look. */
  public int maxReminder() {
    int max = defaults.reminder();
    for (ProcessRules p : processes.values()) {
      if (p.defaults() != null && p.defaults().reminder() != null) max = Math.max(max, p.defaults().reminder());
      if (p.tasks() != null) {
        for (Rule r : p.tasks().values()) {
          if (r != null && r.reminder() != null) max = Math.max(max, r.reminder());
        }
      }
    }
    return max;
  }

  private static int first(Integer a, Integer b, int c) {
    return a != null ? a : b != null ? b : c;
  }

  public static DeadlineConfig read(InputStream in, String source) {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
        .registerModule(new JavaTimeModule())
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
        .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
    DeadlineConfig config;
    try {
      config = yaml.readValue(in, DeadlineConfig.class);
    } catch (IOException e) {
      throw new IllegalStateException("The deadlines file " + source + " cannot be read: " + e.getMessage(), e);
    }
    if (config == null) {
      throw new IllegalStateException("The deadlines file " + source + " is empty");
    }
    List<String> problems = config.problems();
    if (!problems.isEmpty()) {
      throw new IllegalStateException("The deadlines file " + source + " is invalid: " + String.join("; ", problems));
    }
    return config;
  }

  List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (dueTime == null) problems.add("dueTime is missing (e.g. \"18:00\")");
    if (overduePriority < 0 || overduePriority > 100) {
      problems.add("overduePriority must be 0..100 (was " + overduePriority + ")");
    }
    if (defaults == null || defaults.due() == null || defaults.reminder() == null) {
      problems.add("default needs both due and reminder");
    } else {
      check("default", defaults, problems);
    }
    processes.forEach((key, p) -> {
      if (p == null) {
        problems.add("processes." + key + " is empty");
        return;
      }
      check("processes." + key + ".default", p.defaults(), problems);
      if (p.tasks() != null) {
        p.tasks().forEach((task, r) -> check("processes." + key + ".tasks." + task, r, problems));
      }
    });
    Set<LocalDate> seen = new HashSet<>();
    for (Day d : calendar.holidays()) {
      if (d == null || d.date() == null) {
        problems.add("calendar.holidays has an entry without date");
      } else if (!seen.add(d.date())) {
        problems.add("calendar date " + d.date() + " is listed twice");
      }
    }
    for (Day d : calendar.workdays()) {
      if (d == null || d.date() == null) {
        problems.add("calendar.workdays has an entry without date");
      } else if (!seen.add(d.date())) {
        problems.add("calendar date " + d.date() + " is listed twice");
      } else if (d.date().getDayOfWeek() != DayOfWeek.SATURDAY && d.date().getDayOfWeek() != DayOfWeek.SUNDAY) {
        problems.add("calendar.workdays " + d.date() + " is not a weekend day");
      }
    }
    return problems;
  }

  private static void check(String where, Rule rule, List<String> problems) {
    if (rule == null) return;
    if (rule.due() != null && rule.due() < 1) {
      problems.add(where + ".due must be at least 1 working day (was " + rule.due() + ")");
    }
    if (rule.reminder() != null && rule.reminder() < 0) {
      problems.add(where + ".reminder must not be negative (was " + rule.reminder() + ")");
    }
  }
}
