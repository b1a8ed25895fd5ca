package com.zhidu.customercare;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneId;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/** Reads the care calendar ({@code zhidu.customer-care.calendar}, default processes/care-calendar.yaml). */
@Configuration
public class CareSettings {

  private static final Logger log = LoggerFactory.getLogger(CareSettings.class);

  @Bean
  public CareCalendar careCalendar(
      @Value("${zhidu.customer-care.calendar:classpath:processes/care-calendar.yaml}") Resource location,
      @Value("${zhidu.time-zone:Asia/Taipei}") ZoneId zone) {
    try (InputStream in = location.getInputStream()) {
      CareCalendar calendar = CareCalendar.read(in, location.getDescription());
      int year = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone).getYear();
      for (int y = year; y <= year + 1; y++) {
        if (!calendar.hasHolidaysIn(y)) {
          log.warn("The care calendar lists no holidays for {}: no holiday greetings will be planned", y);
        }
      }
      return calendar;
    } catch (IOException e) {
      throw new UncheckedIOException("The care calendar " + location.getDescription() + " cannot be opened", e);
    }
  }
}
