package com.zhidu.platform.deadlines;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Set;

/**
 * The company calendar (§1.3.2): weekends and listed holidays are days off, listed make-up workdays are
 * working days. All arithmetic happens in the company time zone, so "3 working days" means the same to
 * every node whatever its system zone.
 */
public class WorkingDayCalendar {

  private final ZoneId zone;
  private final LocalTime dueTime;
  private final Set<LocalDate> holidays = new HashSet<>();
  private final Set<LocalDate> workdays = new HashSet<>();

  public WorkingDayCalendar(DeadlineConfig config, ZoneId zone) {
    this.zone = zone;
    this.dueTime = config.dueTime();
    config.calendar().holidays().forEach(d -> holidays.add(d.date()));
    config.calendar().workdays().forEach(d -> workdays.add(d.date()));
  }

  public ZoneId zone() {
    return zone;
  }

  public boolean isWorkingDay(LocalDate day) {
    if (workdays.contains(day)) return true;
    if (holidays.contains(day)) return false;
    return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
  }

  /** True if the calendar lists any holiday in that year (a missing year is a likely oversight). */
  public boolean hasHolidaysIn(int year) {
    return holidays.stream().anyMatch(d -> d.getYear() == year);
  }

  /** Due at the configured time on the {@code workingDays}-th working day after the creation day. */
  public Instant dueDate(Instant created, int workingDays) {
    LocalDate day = created.atZone(zone).toLocalDate();
    day = plusWorkingDays(day, workingDays);
    return day.atTime(dueTime).atZone(zone).toInstant();
  }

  /** The same local time {@code workingDays} working days earlier (e.g. when to remind before a due date). */
  public Instant minusWorkingDays(Instant instant, int workingDays) {
    ZonedDateTime local = instant.atZone(zone);
    LocalDate day = local.toLocalDate();
    for (int i = 0; i < workingDays; i++) {
      day = day.minusDays(1);
      while (!isWorkingDay(day)) day = day.minusDays(1);
    }
    return day.atTime(local.toLocalTime()).atZone(zone).toInstant();
  }

  /** The same local time {@code workingDays} working days later. */
  public Instant plusWorkingDays(Instant instant, int workingDays) {
    ZonedDateTime local = instant.atZone(zone);
    return plusWorkingDays(local.toLocalDate(), workingDays).atTime(local.toLocalTime()).atZone(zone).toInstant();
  }

  private LocalDate plusWorkingDays(LocalDate day, int workingDays) {
    for (int i = 0; i < workingDays; i++) {
      day = day.plusDays(1);
      while (!isWorkingDay(day)) day = day.plusDays(1);
    }
    return day;
  }
}
