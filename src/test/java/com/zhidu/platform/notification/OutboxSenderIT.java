package com.zhidu.platform.notification;

import com.zhidu.ZhiduIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The claim that keeps two nodes from sending the same mail, on the real PostgreSQL. */
@ZhiduIT
class OutboxSenderIT {

  @Autowired JdbcTemplate jdbc;

  @Test
  void twoNodesDrainingTheOutboxTogetherSendEachRowOnceOnPostgres() throws Exception {
    OutboxRace.run(jdbc, 60);
  }
}
