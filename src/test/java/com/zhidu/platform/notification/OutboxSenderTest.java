package com.zhidu.platform.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.ZhiduTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;

@ZhiduTest
class OutboxSenderTest {

  @Autowired JdbcTemplate jdbc;

  @Test
  void twoNodesDrainingTheOutboxTogetherSendEachRowOnceOnH2() throws Exception {
    OutboxRace.run(jdbc, 40);
  }

  @Test
  void retriesBackOffExponentiallyUpToTheMaximum() {
    OutboxSender sender = new OutboxSender(jdbc, new JavaMailSenderImpl(), "a@b.c", "x", 10, 20,
        Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofMinutes(5));
    assertThat(sender.backoffAfter(1)).isEqualTo(Duration.ofMinutes(1));
    assertThat(sender.backoffAfter(2)).isEqualTo(Duration.ofMinutes(2));
    assertThat(sender.backoffAfter(4)).isEqualTo(Duration.ofMinutes(8));
    assertThat(sender.backoffAfter(7)).isEqualTo(Duration.ofHours(1));
    assertThat(sender.backoffAfter(19)).isEqualTo(Duration.ofHours(1));
  }
}
