package com.zhidu.customercare;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The holiday calendar of customer care (§3.3.3): {@code processes/care-calendar.yaml}, the dates on which the
 * care plan greets customers, the Chinese lunar holidays included as Gregorian dates per year. Read once at
 * start-up; a date given twice, or an entry without date or name, stops the start-up naming it.
 */
public final class CareCalendar {

  /** One holiday: its date, its name (shown in the task), and the lunar date it stands for, if lunar. */
  public record Holiday(LocalDate date, String name, String lunar) {}

  record File(List<Holiday> holidays) {}

  private final Map<LocalDate, Holiday> byDate;

  public CareCalendar(List<Holiday> holidays) {
    Map<LocalDate, Holiday> map = new HashMap<>();
    for (Holiday holiday : holidays) {
      if (holiday.date() == null || holiday.name() == null || holiday.name().isBlank()) {
        throw new IllegalArgumentException("The care calendar has an entry without date or name: " + holiday);
      }
      if (map.put(holiday.date(), holiday) != null) {
        throw new IllegalArgumentException("The care calendar lists " + holiday.date() + " twice");
      }
    }
    this.byDate = Map.copyOf(map);
  }

  public static CareCalendar read(InputStream in, String description) {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try {
      File file = yaml.readValue(in, File.class);
      return new CareCalendar(file == null || file.holidays() == null ? List.of() : file.holidays());
    } catch (IOException e) {
      throw new UncheckedIOException("The care calendar " + description + " cannot be read: " + e.getMessage(), e);
    }
  }

  public Optional<Holiday> holidayOn(LocalDate date) {
    return Optional.ofNullable(byDate.get(date));
  }

  public boolean hasHolidaysIn(int year) {
    return byDate.keySet().stream().anyMatch(d -> d.getYear() == year);
  }
}
