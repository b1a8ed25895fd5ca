package com.zhidu.customercare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The care calendar (processes/care-calendar.yaml, §3.3.3): lunar holidays as dates, refused when malformed. */
class CareCalendarTest {

  @Test
  void theShippedCalendarHasTheLunarHolidaysOf2026And2027() throws Exception {
    CareCalendar calendar;
    try (InputStream in = Files.newInputStream(Path.of("processes/care-calendar.yaml"))) {
      calendar = CareCalendar.read(in, "care-calendar.yaml");
    }
    assertThat(calendar.holidayOn(LocalDate.of(2026, 2, 17))).get().extracting(CareCalendar.Holiday::name,
        CareCalendar.Holiday::lunar).containsExactly("春節", "正月初一");
    assertThat(calendar.holidayOn(LocalDate.of(2026, 6, 19)).orElseThrow().name()).isEqualTo("端午節");
    assertThat(calendar.holidayOn(LocalDate.of(2026, 9, 25)).orElseThrow().name()).isEqualTo("中秋節");
    assertThat(calendar.holidayOn(LocalDate.of(2027, 2, 6)).orElseThrow().name()).isEqualTo("春節");
    assertThat(calendar.holidayOn(LocalDate.of(2027, 6, 9)).orElseThrow().name()).isEqualTo("端午節");
    assertThat(calendar.holidayOn(LocalDate.of(2027, 9, 15)).orElseThrow().name()).isEqualTo("中秋節");
    assertThat(calendar.holidayOn(LocalDate.of(2026, 2, 18))).isEmpty();
    assertThat(calendar.hasHolidaysIn(2027)).isTrue();
    assertThat(calendar.hasHolidaysIn(2028)).isFalse();
  }

  @Test
  void aDateTwiceOrAnEntryWithoutNameStopsTheStart() {
    assertThatThrownBy(() -> read("holidays:\n  - { date: 2026-01-01, name: 元旦 }\n  - { date: 2026-01-01, name: 新年 }\n"))
        .hasMessageContaining("2026-01-01 twice");
    assertThatThrownBy(() -> read("holidays:\n  - { date: 2026-01-01 }\n")).hasMessageContaining("without date or name");
    assertThatThrownBy(() -> read("holidays:\n  - { date: 2026-13-01, name: 錯誤 }\n"))
        .hasMessageContaining("cannot be read");
  }

  private static CareCalendar read(String yaml) {
    return CareCalendar.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
  }
}
