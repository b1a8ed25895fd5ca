package com.zhidu.platform.deadlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DeadlineConfigTest {

  static DeadlineConfig parse(String yaml) {
    return DeadlineConfig.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
  }

  @Test
  void taskEntryThenProcessDefaultThenGlobalDefaultFieldByField() {
    DeadlineConfig config = parse("""
        dueTime: "17:30"
        default: { due: 3, reminder: 1 }
        processes:
          monthly-report:
            default: { due: 5 }
            tasks:
              managerReview: { due: 2, reminder: 0 }
              draft: { reminder: 2 }
        """);
    assertThat(config.rulesFor("monthly-report", "managerReview")).isEqualTo(new DeadlineConfig.Effective(2, 0));
    assertThat(config.rulesFor("monthly-report", "draft")).isEqualTo(new DeadlineConfig.Effective(5, 2));
    assertThat(config.rulesFor("monthly-report", "other")).isEqualTo(new DeadlineConfig.Effective(5, 1));
    assertThat(config.rulesFor("unknown-process", "x")).isEqualTo(new DeadlineConfig.Effective(3, 1));
    assertThat(config.rulesFor(null, null)).isEqualTo(new DeadlineConfig.Effective(3, 1));
    assertThat(config.maxReminder()).isEqualTo(2);
    assertThat(config.dueTime()).isEqualTo(LocalTime.of(17, 30));
  }

  @Test
  void unknownKeyIsRefusedNamingIt() {
    assertThatThrownBy(() -> parse("""
        dueTime: "18:00"
        default: { due: 3, reminder: 1 }
        processes:
          monthly-report:
            tasks:
              review: { due: 2, remind: 1 }
        """)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("test.yaml").hasMessageContaining("remind");
  }

  @Test
  void negativeOrZeroDaysAreRefusedNamingTheEntry() {
    assertThatThrownBy(() -> parse("""
        dueTime: "18:00"
        default: { due: 3, reminder: 1 }
        processes:
          monthly-report:
            default: { due: 0 }
            tasks:
              review: { reminder: -1 }
        """)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("processes.monthly-report.default.due must be at least 1 working day (was 0)")
        .hasMessageContaining("processes.monthly-report.tasks.review.reminder must not be negative (was -1)");
  }

  @Test
  void incompleteDefaultBadDatesAndDuplicatesAreRefused() {
    assertThatThrownBy(() -> parse("""
        dueTime: "18:00"
        default: { due: 3 }
        """)).hasMessageContaining("default needs both due and reminder");
    assertThatThrownBy(() -> parse("""
        dueTime: "18:00"
        default: { due: 3, reminder: 1 }
        calendar:
          holidays: [ { date: 2026-13-01 } ]
        """)).hasMessageContaining("cannot be read");
    assertThatThrownBy(() -> parse("""
        dueTime: "18:00"
        default: { due: 3, reminder: 1 }
        calendar:
          holidays: [ { date: 2026-05-01 } ]
          workdays: [ { date: 2026-05-01 }, { date: 2026-05-04 } ]
        """)).hasMessageContaining("2026-05-01 is listed twice")
        .hasMessageContaining("workdays 2026-05-04 is not a weekend day");
  }

  @Test
  void theShippedFileIsValidAndListsHolidaysForTheComingYears() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/processes/deadlines.yaml")) {
      DeadlineConfig config = DeadlineConfig.read(in, "processes/deadlines.yaml");
      WorkingDayCalendar calendar = new WorkingDayCalendar(config, ZoneId.of("Asia/Taipei"));
      assertThat(calendar.hasHolidaysIn(2026)).isTrue();
      assertThat(calendar.hasHolidaysIn(2027)).isTrue();
      assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-09"))).isFalse();
    }
  }
}
