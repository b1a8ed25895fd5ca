package com.zhidu.platform.notification;

import java.sql.Timestamp;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Each user's choice between one mail per task (default) and one daily digest ({@code user_notification_setting}). */
@Component
public class DigestSettings {

  /** The condition, with the user id as its parameter, that the user chose the digest ({@link #wantsDigest}). */
  static final String CHOSE_DIGEST =
      "exists (select 1 from user_notification_setting where user_id = ? and daily_digest = true)";

  private final JdbcTemplate jdbc;

  public DigestSettings(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public boolean wantsDigest(String userId) {
    List<Boolean> value = jdbc.queryForList("select daily_digest from user_notification_setting where user_id = ?",
        Boolean.class, userId);
    return !value.isEmpty() && Boolean.TRUE.equals(value.get(0));
  }

  public void set(String userId, boolean dailyDigest) {
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    if (jdbc.update("update user_notification_setting set daily_digest = ?, updated_at = ? where user_id = ?",
        dailyDigest, now, userId) == 0) {
      jdbc.update("insert into user_notification_setting (user_id, daily_digest, updated_at) values (?,?,?)",
          userId, dailyDigest, now);
    }
  }

  public List<String> digestUsers() {
    return jdbc.queryForList("select user_id from user_notification_setting where daily_digest = true order by user_id",
        String.class);
  }
}
