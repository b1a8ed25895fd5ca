package com.zhidu.platform.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class WorkingDayCalendarTest {

  static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

  static final WorkingDayCalendar CALENDAR = new WorkingDayCalendar(DeadlineConfig.read(new ByteArrayInputStream("""
      dueTime: "18:00"
      default: { due: 3, reminder: 1 }
      calendar:
        holidays:
          - { date: 2026-02-16, name: 農曆除夕 }
          - { date: 2026-02-17, name: 春節 }
          - { date: 2026-02-18, name: 春節 }
          - { date: 2026-02-19, name: 春節 }
          - { date: 2026-02-20, name: 小年夜補假 }
        workdays:
          - { date: 2026-03-07, name: 補行上班 }
      """.getBytes(StandardCharsets.UTF_8)), "test"), TAIPEI);

  static Instant taipei(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(TAIPEI).toInstant();
  }

  @Test
  void weekendsAndHolidaysAreDaysOffAndMakeUpWorkdaysAreNot() {
    assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-03-02"))).isTrue();   // Monday
    assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-02-28"))).isFalse();  // Saturday
    assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-03-01"))).isFalse();  // Sunday
    assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-02-17"))).isFalse();  // holiday on a Tuesday
    assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-03-07"))).isTrue();   // make-up Saturday
  }

  @Test
  void dueDateCountsWorkingDaysAfterTheCreationDayAtTheDueTime() {
    // Monday + 3 working days = Thursday 18:00.
    assertThat(CALENDAR.dueDate(taipei("2026-03-02T09:15"), 3)).isEqualTo(taipei("2026-03-05T18:00"));
    // Thursday + 3 skips the weekend: Tuesday.
    assertThat(CALENDAR.dueDate(taipei("2026-03-12T16:00"), 3)).isEqualTo(taipei("2026-03-17T18:00"));
    // Created on a Saturday: Monday is the first working day.
    assertThat(CALENDAR.dueDate(taipei("2026-03-14T10:00"), 1)).isEqualTo(taipei("2026-03-16T18:00"));
    // Late evening in Taipei is still the same company day, though already the next day in UTC terms elsewhere.
    assertThat(CALENDAR.dueDate(taipei("2026-03-02T23:30"), 1)).isEqualTo(taipei("2026-03-03T18:00"));
  }

  @Test
  void dueDateSkipsHolidaysAndUsesMakeUpWorkdays() {
    // Friday 13 Feb + 2: Monday 16 to Friday 20 are holidays, so Monday 23 and Tuesday 24.
    assertThat(CALENDAR.dueDate(taipei("2026-02-13T10:00"), 2)).isEqualTo(taipei("2026-02-24T18:00"));
    // Friday 6 March + 1: the make-up Saturday 7 March counts.
    assertThat(CALENDAR.dueDate(taipei("2026-03-06T10:00"), 1)).isEqualTo(taipei("2026-03-07T18:00"));
  }

  @Test
  void reminderGoesBackInWorkingDaysKeepingTheTime() {
    assertThat(CALENDAR.minusWorkingDays(taipei("2026-03-05T18:00"), 1)).isEqualTo(taipei("2026-03-04T18:00"));
    // Monday minus one working day is the Friday before.
    assertThat(CALENDAR.minusWorkingDays(taipei("2026-03-16T18:00"), 1)).isEqualTo(taipei("2026-03-13T18:00"));
    // ... unless that Saturday is a make-up workday.
    assertThat(CALENDAR.minusWorkingDays(taipei("2026-03-09T18:00"), 1)).isEqualTo(taipei("2026-03-07T18:00"));
    // Across the Lunar New Year holidays.
    assertThat(CALENDAR.minusWorkingDays(taipei("2026-02-23T18:00"), 1)).isEqualTo(taipei("2026-02-13T18:00"));
    assertThat(CALENDAR.minusWorkingDays(taipei("2026-02-23T18:00"), 0)).isEqualTo(taipei("2026-02-23T18:00"));
    assertThat(CALENDAR.plusWorkingDays(taipei("2026-02-13T18:00"), 1)).isEqualTo(taipei("2026-02-23T18:00"));
  }
}
