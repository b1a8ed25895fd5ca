package com.zhidu.platform.deadlines;

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

/** Reads the deadlines file ({@code zhidu.deadlines.location}) at start-up; a bad file stops the start-up. */
@Configuration(proxyBeanMethods = false)
public class DeadlineSettings {

  private static final Logger log = LoggerFactory.getLogger(DeadlineSettings.class);

  @Bean
  public DeadlineConfig deadlineConfig(
      @Value("${zhidu.deadlines.location:classpath:processes/deadlines.yaml}") Resource location) {
    try (InputStream in = location.getInputStream()) {
      return DeadlineConfig.read(in, location.getDescription());
    } catch (IOException e) {
      throw new UncheckedIOException("The deadlines file " + location.getDescription() + " cannot be opened", e);
    }
  }

  @Bean
  public WorkingDayCalendar workingDayCalendar(DeadlineConfig config,
      @Value("${zhidu.time-zone:Asia/Taipei}") ZoneId zone) {
    WorkingDayCalendar calendar = new WorkingDayCalendar(config, zone);
    int year = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone).getYear();
    for (int y = year; y <= year + 1; y++) {
      if (!calendar.hasHolidaysIn(y)) {
        log.warn("The deadlines file lists no holidays for {}: only weekends count as days off", y);
      }
    }
    return calendar;
  }
}
